import Foundation
import SynthKit
import XCTest
@testable import SynthUI

/// Restoring a logged run puts its prompt, parameters and engine back into the screen it came from; a re-run sends
/// it from there; the open run exports; a long run scrolls and stops at its end.
final class HistoryRestoreTests: XCTestCase {
    typealias Runs = HistoryScreenTests

    private func screen(with run: LoggedRun) -> AppState {
        var s = AppState.sample(columns: 100, rows: 30)
        let effects = s.send(.key(KeyPress(.character("6"), .alt)))
        guard case .queryHistory(let serial, _) = effects.first else { XCTFail("\(effects)"); return s }
        s.send(.history(.listed(serial: serial, runs: [run], facets: HistoryFacets())))
        return s
    }

    func testACompareRunRestoresItsFocusedColumn() {
        var s = screen(with: Runs.run(9, "Once upon a time", answer: " there", source: "compare", engine: "mistral_7B",
                                      parameters: #"{"max_tokens":44,"top_k":5}"#))
        s.ctrl("o")
        XCTAssertEqual(s.mode, .compare)
        XCTAssertEqual(s.compare?.prompt, "Once upon a time")
        XCTAssertEqual(s.compare?.focused?.variant.engine.id, "mistral_7B")
        XCTAssertEqual(s.compare?.focused?.variant.parameters.maxTokens, 44)
        XCTAssertEqual(s.compare?.focused?.variant.parameters.topK, 5)
    }

    func testATranslationRestoresItsTextsAndLanguages() {
        var run = Runs.run(4, "Good morning\nGood night", answer: "Bonjour", source: "translate", engine: "m2m100_1_2B",
                           parameters: #"{"num_beams":4,"source_lang":"en","split_sentences":true,"target_lang":"fr","text":[]}"#,
                           kind: "translate")
        run.answers = ["Bonjour", "Bonne nuit"]
        var s = screen(with: run)
        s.ctrl("o")
        XCTAssertEqual(s.mode, .translate)
        XCTAssertEqual(s.translatePad.sourceLines, ["Good morning", "Good night"])
        XCTAssertEqual(s.translatePad.sourceLang, "en")
        XCTAssertEqual(s.translatePad.targetLang, "fr")
    }

    func testAChatRestoresTheConversationWithItsAnswer() {
        var s = screen(with: Runs.run(5, "Hi\nHello!\nHow are you?", answer: "Fine.", source: "chat",
                                      engine: "llama3.1_8B_instruct", messages: ["Hi", "Hello!", "How are you?"],
                                      kind: "chat"))
        XCTAssertEqual(s.ctrl("o"), [], "a restore sends nothing")
        XCTAssertEqual(s.chat?.turns, [ChatTurn(.user, "Hi"), ChatTurn(.assistant, "Hello!"),
                                       ChatTurn(.user, "How are you?"), ChatTurn(.assistant, "Fine.")])
        XCTAssertEqual(s.chat?.system.text, "Be brief.")
    }

    func testAPlaygroundRerunSendsTheLoggedRequest() {
        var s = screen(with: Runs.run(6, "The capital of France is", answer: " Paris",
                                      parameters: #"{"max_tokens":12,"seed":7,"temperature":0.3}"#))
        let effects = s.press(.function(5))
        guard case .startCompletion(let key, let snapshot) = effects.first(where: {
            if case .startCompletion = $0 { true } else { false }
        }) else { return XCTFail("\(effects)") }
        XCTAssertEqual(key.screen, .playground)
        XCTAssertEqual(snapshot.prompt, "The capital of France is")
        XCTAssertEqual(snapshot.parameters.maxTokens, 12)
        XCTAssertEqual(snapshot.parameters.seed, 7)
        XCTAssertEqual(snapshot.engine, "gptj_6B")
        // While it runs, a second re-run is refused rather than cancelling it.
        s.send(.key(KeyPress(.character("6"), .alt)))
        s.press(.function(5))
        XCTAssertTrue(s.history.notice?.text.contains("still running") ?? false, "\(String(describing: s.history.notice))")
    }

    func testAScoredContinuationIsNotRestored() {
        var s = screen(with: Runs.run(7, "The sky is", answer: #"{"logprob":-0.5}"#,
                                      parameters: #"{"continuation":" blue"}"#, kind: "logprob"))
        XCTAssertEqual(s.press(.function(5)), [])
        XCTAssertEqual(s.mode, .history)
        XCTAssertTrue(s.history.notice?.text.contains("scored a continuation") ?? false)
    }

    func testTheOpenRunExportsAsJSON() throws {
        var s = screen(with: Runs.run(8, "Hello", answer: " world"))
        s.press(.enter)
        let effects = s.send(.key(KeyPress(.character("j"), .alt)))
        guard case .exportFile(let name, "json", let contents) = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(name, "run-8")
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: contents) as? [String: Any])
        XCTAssertEqual(object["prompt"] as? String, "Hello")
    }

    func testALongRunScrollsToItsEndAndNoFurther() {
        let long = (1...80).map { "line \($0)" }.joined(separator: "\n")
        var s = screen(with: Runs.run(2, "Count", answer: long))
        s.press(.enter)
        s.press(.end)
        XCTAssertTrue(s.screen.contains("line 80"), s.screen)
        let bottom = s.history.pageTop
        s.press(.pageDown)
        XCTAssertEqual(s.history.pageTop, bottom, "the end stays the end")
        s.press(.up)
        XCTAssertEqual(s.history.pageTop, bottom - 1, "one row up from the end, at once")
    }
}
