import Foundation
import XCTest

/// A test with a fresh directory of its own for the history database, removed afterwards.
class HistoryTestCase: XCTestCase {
    var directory: URL!
    var path: String { directory.appendingPathComponent("history.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }
}
