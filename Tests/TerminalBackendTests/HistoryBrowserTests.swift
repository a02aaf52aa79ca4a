import Foundation
import RunHistory
import SynthKit
import SynthUI
import XCTest
@testable import SynthRuntime

/// The history screen's database work in the runtime: answers come back as events, off the event loop; a file that
/// is not a database is said as `.history(.failed)` and the next ask tries again.
final class HistoryBrowserTests: XCTestCase {
    private var directory: URL!
    private var path: String { directory.appendingPathComponent("history.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func isHistory(_ event: Event) -> Bool { if case .history = event { true } else { false } }

    func testQueriesStarsAndDeletionsAnswerAsEvents() throws {
        let store = try HistoryStore(path: path)
        let first = try store.insert(LoggedRun(source: "playground", backend: "local", baseURL: "http://127.0.0.1:8080",
                                               engine: "smollm2_135M", kind: "completion", prompt: "Paris is",
                                               answers: [" the capital"]))
        let log = EventLog()
        let browser = HistoryBrowser(path: path) { log.record($0) }
        browser.query(serial: 7, HistoryQuery(text: "pari"))
        var events = log.wait { $0.contains(where: isHistory) }
        guard case .history(.listed(7, let runs, let facets)) = events.last else { return XCTFail("\(events)") }
        XCTAssertEqual(runs.map(\.id), [first])
        XCTAssertEqual(facets, HistoryFacets(engines: ["smollm2_135M"], sources: ["playground"]))

        browser.setStarred(true, id: first)
        events = log.wait { $0.filter(isHistory).count == 2 }
        XCTAssertEqual(events.last, .history(.starred(id: first, true)))
        browser.delete(id: first)
        events = log.wait { $0.filter(isHistory).count == 3 }
        XCTAssertEqual(events.last, .history(.deleted(id: first)))
        browser.delete(id: first)
        events = log.wait { $0.filter(isHistory).count == 4 }
        XCTAssertEqual(events.last, .history(.failed("run \(first) is no longer in the history")))
    }

    func testACorruptDatabaseIsSaidAndTriedAgain() throws {
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: path))
        let log = EventLog()
        let browser = HistoryBrowser(path: path) { log.record($0) }
        browser.query(serial: 1, HistoryQuery())
        var events = log.wait { $0.contains(where: isHistory) }
        guard case .history(.failed(let message)) = events.last else { return XCTFail("\(events)") }
        XCTAssertTrue(message.hasPrefix("cannot read the history (\(path)): "), message)
        // Replaced by a sound file: the next ask opens it.
        try FileManager.default.removeItem(atPath: path)
        browser.query(serial: 2, HistoryQuery())
        events = log.wait { $0.filter(isHistory).count == 2 }
        XCTAssertEqual(events.last, .history(.listed(serial: 2, runs: [], facets: HistoryFacets())))
    }
}
