import SynthKit
import XCTest
@testable import SynthUI

/// A history database that cannot take a run is said on the notice line of the screen shown.
final class HistoryNoticeTests: XCTestCase {
    func testTheProblemLandsOnTheScreenShown() {
        let message = "this run is not in the history (history.sqlite: database is locked)"
        var s = AppState.sample()
        _ = update(state: &s, event: .historyProblem(message))
        XCTAssertEqual(s.playground.parameterPane.notice, Notice(message, isError: true))

        s.mode = .translate
        _ = update(state: &s, event: .historyProblem(message))
        XCTAssertEqual(s.translatePad.notice, Notice(message, isError: true))

        s.mode = .image
        _ = update(state: &s, event: .historyProblem(message))
        XCTAssertEqual(s.image.notice, Notice(message, isError: true))
    }

    func testTheNoticeIsDrawn() {
        var s = AppState.sample(columns: 120, rows: 30)
        _ = update(state: &s, event: .historyProblem("not in the history: locked"))
        XCTAssertTrue(s.screen.contains("not in the history: locked"), s.screen)
    }
}
