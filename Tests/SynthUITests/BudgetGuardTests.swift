import SynthKit
import XCTest
@testable import SynthUI

/// The budget guard: a forecast beside the run key where a price is known, a request past the session cap refused
/// with nothing lost, one above the threshold confirmed first, and the session's spending on the status bar.
final class BudgetGuardTests: XCTestCase {
    /// The playground on gptj_6B at 0.0001 credits a token, a counted 10-token prompt, 100 tokens × n = 1.
    func priced(cap: Double? = nil, confirmAbove: Double? = nil) -> AppState {
        var s = AppState.sample(columns: 120, rows: 30, prompt: "Once upon a time")
        s.budget = Budget(sessionCap: cap, confirmAbove: confirmAbove, prices: ["gptj_6B": 0.0001])
        s.playground.promptTokens = 10
        s.playground.promptTokensRevision = s.playground.editor.revision
        s.playground.parameters.sampling.maxTokens = 100
        return s
    }

    func testTheWorstCaseIsForecastBesideTheRunKey() {
        var s = priced()
        XCTAssertEqual(s.forecast(.playground)!, (10 + 100) * 0.0001, accuracy: 1e-12)
        s.playground.parameters.sampling.n = 3
        XCTAssertEqual(s.forecast(.playground)!, (10 + 300) * 0.0001, accuracy: 1e-12)
        let hints = s.hints
        XCTAssertEqual(hints[hints.firstIndex(of: "F5 run")! + 1], "≤0.0310 cr")
        // An uncounted prompt is bounded by its bytes (a token is at least one).
        s.type("!")
        XCTAssertEqual(s.forecast(.playground)!, Double("Once upon a time!".utf8.count + 300) * 0.0001, accuracy: 1e-12)
        // No price known: no forecast, no hint.
        s.budget.prices = [:]
        XCTAssertNil(s.forecast(.playground))
        XCTAssertFalse(s.hints.contains { $0.hasPrefix("≤") })
    }

    func testOverTheCapTheRequestIsRefusedAndNothingIsLost() {
        var s = priced(cap: 0.005)
        s.playground.outputs = [OutputDocument(promptTail: "", width: 40)]
        let before = (s.playground.editor.text, s.playground.parameters, s.playground.outputs)
        XCTAssertEqual(s.press(.function(5)), [], "nothing is sent")
        XCTAssertEqual(s.playground.phase, .idle)
        XCTAssertTrue(s.playground.parameterNotice?.text.contains("not sent: this request could cost up to 0.0110 credits") ?? false,
                      "\(String(describing: s.playground.parameterNotice))")
        XCTAssertTrue(s.playground.parameterNotice?.isError ?? false)
        XCTAssertEqual(s.playground.editor.text, before.0)
        XCTAssertEqual(s.playground.parameters, before.1)
        XCTAssertEqual(s.playground.outputs, before.2)
        XCTAssertTrue(s.screen.contains("spent 0/0.005000"), s.screen)
    }

    /// The token inspector's branch, ban and boost send completions and span scoring asks /logprob: a spent cap
    /// stops them as it stops F5.
    func testTheInspectorsRequestsAreGuardedToo() {
        var s = priced(cap: 1)
        let local = TokenInspectorTests.local
        s.engines = [local]
        s.playground.engines = [local]
        s.playground.engineIndex = 0
        s.budget.prices = [local.id: 0.0001]
        s.ctrl("t")
        guard case .startCompletion(let key, _)? = s.press(.function(5)).first else { return XCTFail() }
        s.send(.streamTokens(request: key, index: 0, text: " Paris is lovely", tokens: TokenInspectorTests.answer))
        s.send(.streamFinished(request: key, stats: CompletionStats()))
        s.send(.creditsRefreshed(10))
        s.send(.creditsRefreshed(9))  // a whole credit spent: the cap is reached
        s.press(.right)
        for key in [KeyPress(.enter), .char("b"), .char("+"), .char("s")] {
            XCTAssertEqual(s.send(.key(key)), [], "\(key) is not sent past the cap")
            XCTAssertTrue(s.playground.parameterNotice?.text.hasPrefix("not sent") ?? false,
                          "\(String(describing: s.playground.parameterNotice))")
        }
        XCTAssertEqual(s.playground.outputs.count, 1, "no tab was opened")
        s.ctrl("g")
        s.type("x")
        XCTAssertEqual(s.press(.function(5)), [], "the scorer is stopped too")
    }

    func testAboveTheThresholdTheUserConfirmsFirst() {
        var s = priced(confirmAbove: 0.01)
        XCTAssertEqual(s.press(.function(5)), [], "held back")
        XCTAssertNotNil(s.pendingSpend)
        GoldenFile.assertMatches(render(s), named: "budget-confirm-120x30")
        XCTAssertEqual(s.press(.character("n")), [])
        XCTAssertNil(s.pendingSpend)
        XCTAssertEqual(s.playground.phase, .idle)
        s.press(.function(5))
        let effects = s.press(.character("y"))
        XCTAssertTrue(effects.contains { if case .startCompletion = $0 { true } else { false } }, "\(effects)")
        XCTAssertTrue(s.playground.phase.isInFlight)
    }

    func testSpendingIsCountedFromTheBalanceOrFromPricedTokens() {
        // A backend with a balance: the fall since the session first heard it.
        var s = priced(cap: 1)
        s.send(.creditsRefreshed(10))
        s.send(.creditsRefreshed(9.75))
        XCTAssertEqual(s.sessionSpent, 0.25, accuracy: 1e-12)
        XCTAssertTrue(s.screen.contains("spent 0.2500/1.0000"), s.screen)
        // No balance: the tokens a priced run reports × its price.
        var free = priced(cap: 1)
        let effects = free.press(.function(5))
        guard case .startCompletion(let key, _) = effects.first(where: { if case .startCompletion = $0 { true } else { false } }) else {
            return XCTFail("sent: \(effects)")
        }
        free.send(.streamFinished(request: key, stats: CompletionStats(inputTokens: 10, outputTokens: 40)))
        XCTAssertEqual(free.sessionSpent, 50 * 0.0001, accuracy: 1e-12)
    }
}

extension BudgetGuardTests {
    func testChatAndCompareAreForecastToo() {
        var s = priced()
        s.budget.prices["llama3.1_8B_instruct"] = 0.001
        s.send(.key(KeyPress(.character("4"), .alt)))
        s.type("Hi")
        // The chat engine may not be the priced one: pick it.
        for _ in 0..<s.chatEngines.count where s.chat?.engine.id != "llama3.1_8B_instruct" { s.press(.function(4)) }
        XCTAssertEqual(s.chat?.engine.id, "llama3.1_8B_instruct")
        let maxTokens = s.chat!.parameterPane.values.sampling.maxTokens
        XCTAssertEqual(s.forecast(.chat)!, Double(2 + maxTokens) * 0.001, accuracy: 1e-12)
        XCTAssertTrue(s.hints.contains("Enter send"))
        XCTAssertEqual(s.hints[s.hints.firstIndex(of: "Enter send")! + 1].first, "≤")

        var compare = priced()
        compare.press(.function(2))
        let columns = compare.compare!.columns
        let expected = columns.reduce(0.0) { sum, column in
            sum + Double("Once upon a time".utf8.count + column.variant.parameters.maxTokens) * 0.0001
        }
        XCTAssertEqual(compare.forecast(.compare)!, expected, accuracy: 1e-12)
    }
}
