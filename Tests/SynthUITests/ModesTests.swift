import XCTest
import SynthKit
@testable import SynthUI

/// The playground, the compare screen and the scratchpad as one app: switching, routing answers, promoting.
final class ModesTests: XCTestCase {
    func testAListedTokenPriceReachesCompareColumnsAndTheScratchpad() {
        var s = AppState.sample(prompt: "Once upon a time")
        s.press(.function(2))  // columns made before the price is known
        XCTAssertNil(s.compare?.columns[0].variant.price)
        let price = TokenPrice(perInputToken: 0.001, perOutputToken: 0.001)
        _ = update(state: &s, event: .tokenPriceListed(price))
        XCTAssertEqual(s.tokenPrice, price)
        XCTAssertEqual(s.compare?.columns.map(\.variant.price), [price, price])
        XCTAssertEqual(s.translatePad.price, price)
        // A column's finished run now shows what it cost: (5 + 20) tokens × 0.001.
        let runs = s.compare!.columns.map(\.id)
        s.press(.function(5))
        let column = try! XCTUnwrap(s.compare?.columns.first { $0.id == runs[0] })
        let requestID = try! XCTUnwrap(column.lastRequestID)
        _ = update(state: &s, event: .streamFinished(request: .compare(requestID),
                                                     stats: CompletionStats(inputTokens: 5, outputTokens: 20)))
        let spent = try! XCTUnwrap(s.compare?.columns.first { $0.id == runs[0] }?.creditsSpent)
        XCTAssertEqual(spent, 0.025, accuracy: 1e-12)
        XCTAssertTrue(s.screen.contains("20 tok · 0.0250 cr"), s.screen)
        // A column on another backend keeps its own (unknown) price.
        var other = CompareState(prompt: "x", base: CompareVariant(playground: s.playground))
        other.withColumn(at: 1) { $0.variant.backend = "cloud" }
        other.withColumn(at: 0) { $0.variant.price = nil }
        other.withColumn(at: 1) { $0.variant.price = nil }
        other.learnPrice(price, backend: s.backendName)
        XCTAssertEqual(other.columns.map(\.variant.price), [price, nil])
    }

    func testF2AndF3SwitchModesAndTheSameKeyOrEscReturns() {
        var s = AppState.sample(prompt: "Once upon a time")
        s.parameters.sampling.temperature = 0.4
        s.press(.function(2))
        XCTAssertEqual(s.mode, .compare)
        let compare = try! XCTUnwrap(s.compare)
        XCTAssertEqual(compare.prompt, "Once upon a time")
        XCTAssertEqual(compare.columns.count, 2)
        XCTAssertEqual(compare.columns[0].variant, CompareVariant(playground: s.playground))
        XCTAssertEqual(compare.viewRect, Rect(x: 0, y: 0, width: 80, height: 23), "laid out above the status bar")
        XCTAssertTrue(s.screen.contains("compare 2 columns"))
        s.press(.function(2))
        XCTAssertEqual(s.mode, .playground)
        // Back in the playground, the prompt changes; the compare screen keeps its columns but takes the new prompt.
        s.type(", a fox")
        s.press(.function(2))
        s.press(.character("a"))
        XCTAssertEqual(s.compare?.columns.count, 3, "a adds a column in compare")
        XCTAssertEqual(s.editor.text, "Once upon a time, a fox", "compare keys do not reach the prompt")
        s.press(.function(3))
        XCTAssertEqual(s.mode, .translate)
        s.type("Hello")
        XCTAssertEqual(s.translatePad.source.text, "Hello")
        s.press(.function(2))
        XCTAssertEqual(s.mode, .compare, "F2 goes straight from the pad to compare")
        XCTAssertEqual(s.compare?.prompt, "Once upon a time, a fox")
        XCTAssertEqual(s.compare?.columns.count, 3)
        s.press(.escape)
        XCTAssertEqual(s.mode, .playground, "Esc with nothing running returns")
        s.press(.function(3))
        s.press(.function(3))
        XCTAssertEqual(s.mode, .playground)
        XCTAssertEqual(s.translatePad.source.text, "Hello", "the pad keeps its text")
    }

    func testEngineSwitchMovedToF4AndShiftF2ReachesThePad() {
        var s = AppState.sample()
        s.press(.function(4))
        XCTAssertEqual(s.engine.id, "mistral_7B")
        s.press(.function(4), .shift)
        XCTAssertEqual(s.engine.id, "gptj_6B")
        s.press(.function(3))
        s.press(.function(2), .shift)
        XCTAssertNotNil(s.translatePad.picker, "Shift-F2 opens the pad's source language picker")
        XCTAssertEqual(s.mode, .translate)
        s.press(.escape)
        XCTAssertNil(s.translatePad.picker)
        XCTAssertEqual(s.mode, .translate, "Esc closes the picker first")
        s.press(.escape)
        XCTAssertEqual(s.mode, .playground)
    }

    func testChunksOfACompareRequestLandInTheirColumn() {
        var s = AppState.sample(prompt: "Tell me")
        s.parameters.sampling.n = 3
        s.press(.function(2))
        let effects = s.press(.function(5))
        let snapshots = effects.compactMap { effect -> CompletionSnapshot? in
            if case .startCompletion(_, let snapshot) = effect { return snapshot }
            return nil
        }
        XCTAssertEqual(snapshots.map(\.id), [1, 2], "the compare screen's own serials")
        let keys = effects.compactMap { effect -> RequestKey? in
            if case .startCompletion(let key, _) = effect { return key }
            return nil
        }
        XCTAssertEqual(keys, [.compare(1), .compare(2)], "replies are addressed to the compare screen")
        XCTAssertEqual(snapshots.map(\.parameters.n), [1, 1], "a column shows one answer")
        XCTAssertTrue(effects.contains(.scheduleTick(after: AppState.spinnerInterval)), "the spinner turns")
        XCTAssertTrue(s.isBusy)
        XCTAssertTrue(s.screen.contains("streaming 2/2"))

        s.send(.streamChunk(request: .compare(2), index: 0, text: " a story"))
        s.send(.streamChunk(request: .compare(1), index: 0, text: " the truth"))
        s.send(.streamChunk(request: .compare(2), index: 0, text: " about foxes"))
        XCTAssertEqual(s.compare?.columns.map(\.text), [" the truth", " a story about foxes"])
        XCTAssertTrue(s.outputs.isEmpty, "nothing reaches the playground's output")
        s.send(.streamFinished(request: .compare(1), stats: CompletionStats(outputTokens: 2)))
        s.send(.requestFailed(request: .compare(2), message: "rate limited", status: 429))
        XCTAssertEqual(s.compare?.columns[0].phase, .finished)
        XCTAssertEqual(s.compare?.columns[1].phase, .failed(message: "rate limited", status: 429))
        XCTAssertFalse(s.isBusy)
        XCTAssertEqual(s.phase, .idle, "the playground's request state is untouched")

        // The playground's own requests still go to the playground, even while compare is shown.
        s.press(.function(2))
        s.press(.function(5))
        s.send(.streamChunk(request: .playground(1), index: 0, text: "mine"))
        XCTAssertEqual(s.outputs.first?.completion, "mine")
        XCTAssertEqual(s.compare?.columns.map(\.text), [" the truth", " a story about foxes"])
    }

    func testPromotingAColumnWritesItsVariantIntoThePlayground() {
        var s = AppState.sample(prompt: "Once")
        s.parameters.sampling.temperature = 1
        s.press(.function(2))
        s.press(.right)
        s.press(.character("e"))                 // next engine in column 2
        s.press(.character("-"))                 // temperature one fine step down
        let variant = try! XCTUnwrap(s.compare?.columns[1].variant)
        XCTAssertNotEqual(variant.parameters.temperature, 1)
        let effects = s.press(.character("p"))
        XCTAssertEqual(s.mode, .playground)
        XCTAssertEqual(s.engine, variant.engine)
        XCTAssertEqual(s.parameters.sampling, variant.parameters)
        XCTAssertTrue(effects.contains { if case .scheduleTick = $0 { return true }; return false },
                      "the prompt is counted again for the new engine and the session saved")
        XCTAssertEqual(s.parameterNotice?.text, "column 2's settings are now the playground's (\(variant.engine.id))")
        XCTAssertTrue(s.screen.contains("column 2's settings"), s.screen)
    }

    func testScratchpadAnswersAndCompletionsRouteByRequestID() {
        var s = AppState.sample()
        s.send(.translate(.setLLM(LLMTranslation(variant: CompareVariant(playground: s.playground)))))
        s.press(.function(3))
        s.type("Good morning")
        let effects = s.press(.function(5))
        let completion = effects.compactMap { effect -> CompletionSnapshot? in
            if case .startCompletion(_, let snapshot) = effect { return snapshot }
            return nil
        }
        XCTAssertEqual(completion.count, 1, "one few-shot completion for the one line")
        let llmID = completion[0].id
        XCTAssertTrue(effects.contains { if case .startCompletion(.translate(llmID), _) = $0 { true } else { false } })
        XCTAssertTrue(s.translatePad.isTranslating)
        // The forward batch was the pad's first request.
        let answer = TranslateAnswer(translations: [.init(text: "Bonjour", detectedSourceLang: "en")])
        s.send(.translated(request: .translate(1), answer: answer))
        XCTAssertEqual(s.translatePad.translations.map { $0?.text }, ["Bonjour"])
        s.send(.streamChunk(request: .translate(llmID), index: 0, text: " Bonjour\n"))
        s.send(.streamFinished(request: .translate(llmID), stats: CompletionStats()))
        XCTAssertFalse(s.isBusy)
        XCTAssertTrue(s.outputs.isEmpty)
        XCTAssertTrue(s.screen.contains("Bonjour"))
    }

    func testQuittingWhileCompareRunsAsksAndThenCancelsEveryColumn() {
        var s = AppState.sample(prompt: "x")
        s.press(.function(2))
        s.press(.function(5))
        XCTAssertEqual(s.ctrl("q"), [])
        XCTAssertTrue(s.confirmingQuit)
        let effects = s.press(.character("y"))
        XCTAssertTrue(effects.contains(.cancelRequest(.compare(1))))
        XCTAssertTrue(effects.contains(.cancelRequest(.compare(2))))
        XCTAssertEqual(effects.last, .quit)
    }

    func testHelpListsTheModesBindings() {
        for (mode, key) in [(AppMode.compare, Key.function(2)), (.translate, .function(3))] {
            var s = AppState.sample()
            s.press(key)
            s.press(.function(1))
            XCTAssertTrue(s.showHelp)
            let text = s.helpPagesText()
            for binding in s.helpGroups.flatMap(\.lines) {
                XCTAssertTrue(text.contains(binding.keys), "\(mode) help at 80×24 is missing \(binding.keys)")
                XCTAssertTrue(text.contains(binding.action), "\(mode) help at 80×24 is missing \(binding.action)")
            }
            s.press(.character("z"))
            XCTAssertFalse(s.showHelp)
            XCTAssertEqual(s.mode, mode)
        }
    }

    func testResizeReachesTheModes() {
        var s = AppState.sample()
        s.press(.function(2))
        s.send(.resize(columns: 120, rows: 40))
        XCTAssertEqual(s.compare?.viewRect, Rect(x: 0, y: 0, width: 120, height: 39))
        XCTAssertEqual(s.translatePad.viewRect, Rect(x: 0, y: 0, width: 120, height: 39))
    }
}
