// Issue #9: what a new user hit in one sitting, each reproduced here first (the crash of a huge number is in
// HugeNumberTests; keys, pipes and servers in their own suites).
import XCTest
import SynthKit
@testable import SynthUI

final class NewUserDefectTests: XCTestCase {
    /// #9.5: F5 with an empty prompt generated text and spent credits; now it is refused before anything is sent,
    /// and the last answers stay.
    func testAnEmptyPromptIsRefusedBeforeTheNetworkAndKeepsTheLastAnswer() {
        var s = AppState.sample(prompt: "Hi")
        s.press(.function(5))
        s.send(.streamChunk(request: .playground(1), index: 0, text: " there"))
        s.send(.streamFinished(request: .playground(1), stats: CompletionStats()))
        s.editor.replaceAll(with: "")
        let effects = s.press(.function(5))
        XCTAssertFalse(effects.contains { if case .startCompletion = $0 { return true } else { return false } })
        guard case .failed(let message, nil) = s.phase else { return XCTFail("\(s.phase)") }
        XCTAssertTrue(message.contains("prompt is empty"), message)
        XCTAssertEqual(s.currentOutput?.completion, " there", "the last answer survives")
        XCTAssertTrue(s.screen.contains("prompt is empty"), s.screen)
    }

    /// #9.4: a long error used to be cut at the pane's edge; it wraps now, reason included.
    func testALongErrorWrapsInsteadOfBeingCut() {
        var s = AppState.sample(columns: 100, rows: 30, prompt: "Hi")
        s.press(.function(5))
        let reason = "Cannot connect to http://127.0.0.1:9/v1/engines/gptj_6B/completions: connection refused (nothing listens on 127.0.0.1 port 9)"
        s.send(.requestFailed(request: .playground(1), message: reason, status: nil))
        let flat = s.screen.split(separator: "\n").map { $0.replacingOccurrences(of: "│", with: " ") }
            .joined(separator: " ").split(separator: " ").joined(separator: " ")
        XCTAssertTrue(flat.contains("nothing listens on 127.0.0.1 port 9"), s.screen)
    }

    /// #9.8: the output came back without its prompt echo, and streamed text was lost on kill -9.
    func testOutputsComeBackAsShownAndStreamedTextIsSavedWhileItStreams() {
        var s = AppState.sample(prompt: "Once upon a time")
        s.press(.function(5))
        let effects = s.send(.streamChunk(request: .playground(1), index: 0, text: ", I used to"))
        XCTAssertTrue(effects.contains(.scheduleTick(after: PlaygroundState.saveDelay)), "streamed text is saved (throttled)")
        // A save taken now, mid-stream (what a kill -9 leaves behind), restores as shown and says it was cut short.
        let saved = s.session
        XCTAssertEqual(saved.outputsInterrupted, true)
        let restored = AppState(session: saved, engines: EngineChoice.textSynthEngines)
        XCTAssertEqual(restored.currentOutput?.text, "Once upon a time, I used to")
        XCTAssertEqual(restored.currentOutput?.completion, ", I used to")
        XCTAssertTrue(restored.lastRequestCancelled)
        XCTAssertTrue(restored.screen.contains("Once upon a time, I used to"), restored.screen)
        // A finished run is not marked.
        s.send(.streamFinished(request: .playground(1), stats: CompletionStats()))
        XCTAssertNil(s.session.outputsInterrupted)
        XCTAssertFalse(AppState(session: s.session, engines: EngineChoice.textSynthEngines).lastRequestCancelled)
    }

    /// #9.10: translations in the old language stayed under the new language's name.
    func testTranslationsInAnotherLanguageAreMarkedStale() {
        var pad = TranslatePadState.sample(text: "Hello", source: "en", target: "fr")
        _ = pad.answerAll(pad.send(.translate))
        XCTAssertFalse(pad.isStale)
        pad.send(.setLanguage(.target, code: "de"))
        XCTAssertTrue(pad.isStale, "French text under a German heading is stale")
        XCTAssertTrue(pad.grid.text.contains("Translation · French · stale: F5 for German"), pad.grid.text)
    }

    func testDetectedLanguageTagsStayWithTheTranslationsTheyDescribe() {
        var pad = TranslatePadState.sample(text: "Hello", source: "auto", target: "fr")
        _ = pad.answerAll(pad.send(.translate), detected: "en")
        let layout = TranslatePadLayout(area: pad.viewRect, state: pad)
        XCTAssertTrue(layout.showsGutter)
        pad.send(.setLanguage(.source, code: "es"))
        XCTAssertTrue(TranslatePadLayout(area: pad.viewRect, state: pad).showsGutter, "the en tags stay")
    }

    /// #9.11: after a compare run the status bar still showed the playground's last cost.
    func testTheStatusBarCostFollowsTheLastRun() {
        var s = AppState.sample(prompt: "Hi")
        s.send(.creditsRefreshed(10))
        s.press(.function(5))
        s.send(.streamFinished(request: .playground(1), stats: CompletionStats()))
        s.send(.creditsRefreshed(9.5))
        XCTAssertEqual(s.creditsChange, -0.5)
        s.press(.function(2))
        s.press(.function(5))
        XCTAssertNil(s.creditsChange, "a new run's cost is not yet known")
        for id in [RequestKey.compare(1), .compare(2)] {
            s.send(.streamFinished(request: id, stats: CompletionStats()))
        }
        s.send(.creditsRefreshed(9.2))
        XCTAssertEqual(s.creditsChange ?? 0, -0.3, accuracy: 1e-9)
    }

    /// #9.12: `ttft 0.05s · 17439.7 tok/s · in 4 out 3`: a rate over a few tokens in no time is noise.
    func testNoRateOverTooFewTokensOrTooShortATime() {
        XCTAssertNil(CompletionStats(outputTokens: 3, timeToFirstToken: 0.05, totalTime: 0.050172).tokensPerSecond)
        XCTAssertNil(CompletionStats(outputTokens: 50, timeToFirstToken: 0.05, totalTime: 0.1).tokensPerSecond)
        XCTAssertEqual(CompletionStats(outputTokens: 20, timeToFirstToken: 0.5, totalTime: 2.5).tokensPerSecond, 10)
        XCTAssertFalse(OutputView.statsText(CompletionStats(inputTokens: 4, outputTokens: 3, timeToFirstToken: 0.05,
                                                            totalTime: 0.050172)).contains("tok/s"))
    }

    /// #9.14: a logit-bias row read `7042 " Pari…-100.00` in a wide pane.
    func testABiasWordNeverRunsIntoItsValue() {
        for columns in [80, 120, 200] {
            var s = AppState.sample(columns: columns, rows: 40)
            s.parameters.sampling.logitBias = [7042: -100]
            s.parameters.biasWords = [7042: " Parisian capital"]
            s.focusPane(.parameters)
            let line = s.screen.split(separator: "\n").first { $0.contains("7042") }.map(String.init) ?? ""
            XCTAssertTrue(line.contains(" -100.00"), "a space before the value at \(columns) columns: \(line)")
        }
    }

    /// Smoothing: F4 on a backend with one engine said nothing.
    func testSwitchingEngineWithOnlyOneSaysSo() {
        var s = AppState(backendName: "local", engines: [EngineChoice(id: "smollm2_135M", displayName: "SmolLM2",
                                                                        contextLength: 2048, family: .textSynth)])
        s.press(.function(4))
        XCTAssertEqual(s.parameterNotice?.text, "local offers one engine: smollm2_135M")
    }

    /// Smoothing: a language the backend cannot translate could be picked.
    func testAnUnavailableLanguageCannotBePicked() {
        var pad = TranslatePadState.sample(source: "en", target: "es",
                                           support: .pairs([LanguagePair("en", "es"), LanguagePair("es", "en")]))
        pad.press(.function(3))
        pad.type("German")
        pad.press(.enter)
        XCTAssertEqual(pad.targetLang, "es", "German is not taken")
        XCTAssertNotNil(pad.picker, "the picker stays open to choose another")
        XCTAssertEqual(pad.notice?.isError, true)
        pad.press(.escape)
        pad.press(.function(3))
        pad.type("English")
        pad.press(.enter)
        XCTAssertEqual(pad.targetLang, "en")
        XCTAssertNil(pad.picker)
    }

    /// Smoothing: max tokens 9999 on a 2048-token engine was taken without a word about what happens.
    func testMaxTokensBeyondTheContextSaysWhatWillHappen() {
        var s = AppState.sample()
        s.focusPane(.parameters)
        s.parameterCursor = 0  // max tokens
        s.press(.enter)
        s.ctrl("u")
        s.type("9999")
        s.press(.enter)
        XCTAssertEqual(s.parameters.sampling.maxTokens, 9999)
        XCTAssertTrue(s.parameterNotice?.text.contains("context is 2048 tokens") == true, s.parameterNotice?.text ?? "")
    }

    /// Smoothing: the slider said "n answers" while notices said "Completions".
    func testTheCompletionsSliderIsNamedLikeItsNotices() {
        var s = AppState.sample(columns: 120, rows: 40)
        s.focusPane(.parameters)
        XCTAssertTrue(s.screen.contains("completions"), s.screen)
        XCTAssertFalse(s.screen.contains("n answers"))
    }

    /// Ctrl-K: the request F5 would send goes to the clipboard as curl; what F5 would refuse is refused.
    func testCtrlKCopiesTheRequestAsCurl() {
        var s = AppState.sample(prompt: "Once upon")
        let effects = s.ctrl("k")
        guard case .copyRequestAsCurl(let snapshot)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(snapshot.prompt, "Once upon")
        XCTAssertEqual(snapshot.engine, "gptj_6B")
        XCTAssertTrue(s.parameterNotice?.text.contains("curl") ?? false)
        var empty = AppState.sample()
        XCTAssertTrue(empty.ctrl("k").isEmpty)
        XCTAssertEqual(empty.parameterNotice?.isError, true)
    }
}
