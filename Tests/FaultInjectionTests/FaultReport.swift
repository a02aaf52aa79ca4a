// The table the fault-injection suite prints at the end: case | result | what the user saw.
import Foundation
import XCTest

/// Collects one row per fault case; prints them all once the test bundle finishes.
final class FaultReport: NSObject, XCTestObservation, @unchecked Sendable {
    struct Row {
        var testName: String
        var faultCase: String
        var seen: String
        var passed: Bool?
    }

    static let shared = FaultReport()

    private let lock = NSLock()
    private var rows: [Row] = []
    private var registered = false

    /// Registers the observer (once) so the table appears when the bundle ends.
    func register() {
        lock.lock()
        defer { lock.unlock() }
        guard !registered else { return }
        registered = true
        XCTestObservationCenter.shared.addTestObserver(self)
    }

    /// Notes what the user saw for a case run by `test`; the result is settled when the test ends.
    func note(_ test: XCTestCase, _ faultCase: String, saw: String) {
        let oneLine = saw.replacingOccurrences(of: "\n", with: "⏎").replacingOccurrences(of: "|", with: "¦")
        let shown = oneLine.count > 110 ? String(oneLine.prefix(110)) + "…" : oneLine
        lock.lock()
        rows.append(Row(testName: test.name, faultCase: faultCase, seen: shown, passed: nil))
        lock.unlock()
    }

    /// Marks every open row of `test` with its outcome.
    func settle(_ test: XCTestCase) {
        let passed = (test.testRun?.totalFailureCount ?? 0) == 0
        lock.lock()
        for index in rows.indices where rows[index].testName == test.name && rows[index].passed == nil {
            rows[index].passed = passed
        }
        lock.unlock()
    }

    var table: String {
        lock.lock()
        let snapshot = rows
        lock.unlock()
        guard !snapshot.isEmpty else { return "" }
        let width = max(4, snapshot.map(\.faultCase.count).max() ?? 4)
        var lines = ["", "Fault injection: case | result | what the user saw",
                     "case".padding(toLength: width, withPad: " ", startingAt: 0) + " | result | what the user saw",
                     String(repeating: "-", count: width) + "-|--------|" + String(repeating: "-", count: 40)]
        for row in snapshot {
            let result = row.passed == false ? "FAIL  " : "ok    "
            lines.append(row.faultCase.padding(toLength: width, withPad: " ", startingAt: 0) + " | \(result) | \(row.seen)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func testBundleDidFinish(_ testBundle: Bundle) {
        print(table)
    }
}

/// Base class of the fault suites: registers the report and settles each test's rows.
class FaultTestCase: XCTestCase {
    override func setUp() {
        super.setUp()
        FaultReport.shared.register()
    }

    override func tearDown() {
        FaultReport.shared.settle(self)
        super.tearDown()
    }

    func note(_ faultCase: String, saw: String) { FaultReport.shared.note(self, faultCase, saw: saw) }
}
