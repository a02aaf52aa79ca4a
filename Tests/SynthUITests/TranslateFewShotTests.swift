import XCTest
import SynthKit
@testable import SynthUI

final class TranslateFewShotTests: XCTestCase {
    func testPromptIsBuiltTheWMTWay() {
        let examples = [TranslationExample(source: "Hello.", target: "Bonjour."),
                        TranslationExample(source: "Thank you\nvery much.", target: "Merci beaucoup."),
                        TranslationExample(source: "unused", target: "inutilisé")]
        let prompt = FewShotPrompt.build(sentence: "Good night.", sourceName: "English", targetName: "French",
                                         examples: examples, k: 2)
        XCTAssertEqual(prompt, "English: Hello.\nFrench: Bonjour.\n\nEnglish: Thank you very much.\nFrench: Merci beaucoup.\n\nEnglish: Good night.\nFrench:")
        XCTAssertEqual(FewShotPrompt.build(sentence: "Hi", sourceName: "English", targetName: "French", examples: examples, k: 0),
                       "English: Hi\nFrench:")
        XCTAssertEqual(FewShotPrompt.answer(from: " Bonne nuit.\nEnglish: more"), "Bonne nuit.")
        XCTAssertEqual(FewShotPrompt.englishFrenchExamples.count, 5)
    }

    func testLLMColumnRunsOneCompletionPerLineBesideTheEngine() {
        var s = TranslatePadState.sample(text: "Good night.\n\nSee you.", columns: 120, rows: 40, source: "en", target: "fr")
        var llmVariant = CompareVariant.sample(temperature: 0)
        llmVariant.parameters.maxTokens = 40
        s.send(.setLLM(LLMTranslation(variant: llmVariant, k: 5)))
        let effects = s.send(.translate)
        XCTAssertEqual(TranslatePadState.translateRequests(effects).count, 1)
        let completions = effects.compactMap { e -> CompletionSnapshot? in
            if case .startCompletion(let snap) = e { return snap }
            return nil
        }
        XCTAssertEqual(completions.count, 2, "one per non-blank line")
        XCTAssertEqual(completions[0].parameters.stop, ["\n"])
        XCTAssertTrue(completions[0].prompt.hasPrefix("English: The weather is nice today.\nFrench: Il fait beau aujourd'hui.\n\n"))
        XCTAssertTrue(completions[1].prompt.hasSuffix("\n\nEnglish: See you.\nFrench:"))
        s.answerAll(effects)
        s.send(.completionChunk(requestID: completions[0].id, text: " Bonne"))
        s.send(.completionChunk(requestID: completions[0].id, text: " nuit."))
        s.send(.completionFinished(requestID: completions[0].id,
                                   stats: CompletionStats(inputTokens: 80, outputTokens: 4, finishReason: "stop")))
        s.send(.requestFailed(requestID: completions[1].id, message: "busy", status: 429))
        XCTAssertEqual(s.llm?.outputs[0], " Bonne nuit.")
        XCTAssertEqual(s.llm?.errors[2], "429 rate limited: busy")
        XCTAssertEqual(s.usage.last?.label, "LLM line 1")
        let layout = s.layout
        XCTAssertEqual(layout.panes.map(\.kind), [.source, .translation, .llm])
        let grid = s.grid
        let area = layout.textArea(2)
        XCTAssertEqual(String(grid.text(ofRow: area.y).dropFirst(area.x).prefix(11)), "Bonne nuit.")
        GoldenFile.assertMatches(grid, named: "translate-llm-120x40")
    }
}

/// Issue #11: the few-shot column is reachable (F10, `translate-pad --llm`) and its examples follow the direction.
final class LLMColumnTests: XCTestCase {
    func testF10TurnsOnTheColumnWithThePlaygroundsEngineAndTheDirectionsExamples() {
        var s = AppState.sample(prompt: "x")
        s.playground.parameters.sampling.temperature = 0.3
        s.press(.function(3))
        s.send(.translate(.setLanguage(.source, code: "es")))
        s.send(.translate(.setLanguage(.target, code: "de")))
        s.press(.function(10))
        XCTAssertEqual(s.translatePad.llm?.variant.engine.id, "gptj_6B")
        XCTAssertEqual(s.translatePad.llm?.variant.parameters.temperature, 0.3)
        s.type("Buenos días")
        let effects = s.press(.function(5))
        let prompts = effects.compactMap { effect -> String? in
            if case .startCompletion(_, let snapshot) = effect { return snapshot.prompt }
            return nil
        }
        XCTAssertEqual(prompts.count, 1)
        XCTAssertTrue(prompts[0].hasPrefix("Spanish: Hoy hace buen tiempo.\nGerman: Heute ist schönes Wetter."), prompts[0])
        XCTAssertTrue(prompts[0].hasSuffix("Spanish: Buenos días\nGerman:"), prompts[0])
        s.press(.function(10))
        XCTAssertNil(s.translatePad.llm)
    }

    func testADirectionWithoutExamplesSaysSoOnItsLines() {
        var s = AppState.sample()
        s.press(.function(3))
        s.send(.translate(.setLanguage(.source, code: "en")))
        s.send(.translate(.setLanguage(.target, code: "sw")))
        s.press(.function(10))
        s.type("Good morning")
        let effects = s.press(.function(5))
        XCTAssertFalse(effects.contains { if case .startCompletion = $0 { true } else { false } })
        XCTAssertTrue(s.translatePad.llm?.errors[0]?.contains("no few-shot examples") == true)
    }
}
