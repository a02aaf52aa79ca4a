// Issue #10: replies are routed by what they answer (screen + that screen's serial), not by number ranges.
import XCTest
import SynthKit
@testable import SynthUI

final class ReplyRoutingTests: XCTestCase {
    func testAReplyForAScreenThatIsNotOpenIsDropped() {
        var s = AppState.sample(prompt: "Hi")
        XCTAssertNil(s.compare)
        let before = s
        let effects = s.send(.streamChunk(request: .compare(1), index: 0, text: "late"))
        XCTAssertEqual(s, before, "no compare screen: the reply has nowhere to go")
        XCTAssertTrue(effects.isEmpty)
    }

    func testSerialsOfDifferentScreensNeverMeet() {
        var s = AppState.sample(prompt: "Hi")
        s.press(.function(5))  // the playground's request 1
        s.press(.function(2))
        s.press(.function(5))  // the compare screen's requests 1 and 2
        s.send(.streamChunk(request: .compare(1), index: 0, text: "column"))
        s.send(.streamChunk(request: .playground(1), index: 0, text: "playground"))
        XCTAssertEqual(s.playground.currentOutput?.completion, "playground")
        XCTAssertEqual(s.compare?.columns.first?.text, "column")
    }

    func testAStaleReplyOfTheSameScreenIsDropped() {
        var s = AppState.sample(prompt: "Hi")
        s.press(.function(5))
        s.press(.escape)  // cancel request 1
        s.press(.function(5))  // request 2
        s.send(.streamChunk(request: .playground(1), index: 0, text: "stale"))
        s.send(.streamChunk(request: .playground(2), index: 0, text: "fresh"))
        XCTAssertEqual(s.playground.currentOutput?.completion, "fresh")
    }
}

/// Issue #11: the engine picker lists what the server says it has, and an engine asked for by name stays.
final class EngineListTests: XCTestCase {
    func testTheServersEnginesReplaceTheCatalogueAndTheChosenOneStays() {
        var s = AppState(backendName: "lab", engines: EngineChoice.textSynthEngines + [
            EngineChoice(id: "fast", displayName: "fast", contextLength: 1024, family: .textSynth)], engine: "fast")
        XCTAssertEqual(s.playground.engine.id, "fast", "an engine the catalogue does not know is honoured")
        s.send(.enginesListed([EngineChoice(id: "big", displayName: "big", contextLength: 8192, family: .textSynth)]))
        XCTAssertEqual(s.playground.engines.map(\.id), ["big", "fast"])
        XCTAssertEqual(s.playground.engine.id, "fast")
        s.press(.function(4))
        XCTAssertEqual(s.playground.engine.id, "big")
    }
}

/// A request's measured cost reaches the compare column that ran it, after its stream ended.
final class MeasuredCreditsRoutingTests: XCTestCase {
    func testAMeasuredCostLandsOnItsColumn() {
        var s = AppState.sample(columns: 120, rows: 40, prompt: "Once")
        s.press(.function(2))
        s.press(.function(5))
        s.send(.streamChunk(request: .compare(2), index: 0, text: " upon"))
        s.send(.streamFinished(request: .compare(2), stats: CompletionStats(inputTokens: 1, outputTokens: 1)))
        s.send(.creditsMeasured(request: .compare(2), change: -0.25))
        let column = s.compare?.columns.first { $0.lastRequestID == 2 }
        XCTAssertEqual(column?.creditsSpent, 0.25)
        XCTAssertEqual(s.compare?.columns.filter { $0.measuredCredits != nil }.count, 1)
    }
}
