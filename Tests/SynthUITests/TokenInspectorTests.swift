import XCTest
import SynthKit
@testable import SynthUI

/// The token inspector (Ctrl-T) on canned per-token data: what a run asks for, colours, the cursor and its popup,
/// branching from an alternative, ban and boost with the same seed, and a span scored by `/logprob`.
final class TokenInspectorTests: XCTestCase {
    static let local = EngineChoice(id: "smollm2_135M", displayName: "SmolLM2 135M (local)", contextLength: 8192,
                                    family: .textSynth, givesTokenLogprobs: true)

    static func token(_ id: Int, _ text: String, model: Double, sampler: Double? = nil,
                      alternatives: [(Int, String, Double)] = []) -> TokenLogprob {
        TokenLogprob(id: id, text: text, bytes: Array(text.utf8), logprob: sampler ?? model, modelLogprob: model,
                     topLogprobs: alternatives.map { TokenLogprob.Alternative(id: $0.0, text: $0.1, logprob: $0.2) })
    }

    /// " Paris is lovely": " Paris" sure, " is" middling, " lovely" a surprise, with alternatives for " is".
    static let answer: [TokenLogprob] = [
        token(11, " Paris", model: log(0.9), alternatives: [(11, " Paris", log(0.9)), (12, " Lyon", log(0.05))]),
        token(21, " is", model: log(0.3), alternatives: [(22, " has", log(0.5)), (21, " is", log(0.3)), (23, ",", log(0.1))]),
        token(31, " lovely", model: log(0.05), alternatives: [(32, " big", log(0.4)), (31, " lovely", log(0.05))]),
    ]

    /// The playground on the local engine with the inspector on, after a run that answered `answer`.
    static func inspected(columns: Int = 100, rows: Int = 30) -> (AppState, CompletionSnapshot) {
        var s = AppState(columns: columns, rows: rows, backendName: "local", engines: [local], engine: local.id,
                         prompt: "The capital of France is")
        s.ctrl("t")
        let effects = s.press(.function(5))
        guard case .startCompletion(let key, let snapshot)? = effects.first(where: {
            if case .startCompletion = $0 { true } else { false }
        }) else { XCTFail("\(effects)"); return (s, CompletionSnapshot(id: 0, backend: "", engine: "", family: .textSynth, prompt: "", parameters: .init())) }
        s.send(.streamTokens(request: key, index: 0, text: " Paris is", tokens: Array(answer.prefix(2))))
        s.send(.streamTokens(request: key, index: 0, text: " lovely", tokens: [answer[2]]))
        s.send(.streamFinished(request: key, stats: CompletionStats(outputTokens: 3, finishReason: "length")))
        return (s, snapshot)
    }

    func testARunAsksForTokensOnlyWhereTheEngineGivesThemAndFixesTheSeed() {
        let (s, snapshot) = Self.inspected()
        XCTAssertEqual(snapshot.parameters.topLogprobs, TokenInspector.alternatives)
        XCTAssertNotEqual(snapshot.parameters.seed, 0, "a random seed is fixed, so that a ban can draw the same way")
        XCTAssertEqual(s.currentOutput?.tokens.count, 3)
        XCTAssertEqual(s.currentOutput?.completion, " Paris is lovely")

        // The cloud's engines give no per-token data: nothing is asked, the seed stays the user's.
        var cloud = AppState.sample(prompt: "Hello")
        cloud.ctrl("t")
        guard case .startCompletion(_, let plain)? = cloud.press(.function(5)).first else { return XCTFail() }
        XCTAssertNil(plain.parameters.topLogprobs)
        XCTAssertEqual(plain.parameters.seed, 0)
        // Off, the local engine is not asked either.
        var off = AppState(columns: 100, rows: 30, backendName: "local", engines: [Self.local], engine: Self.local.id,
                           prompt: "Hi")
        guard case .startCompletion(_, let untouched)? = off.press(.function(5)).first else { return XCTFail() }
        XCTAssertNil(untouched.parameters.topLogprobs)
    }

    /// On stays on after a restart; the per-token data itself is not kept (the answers' text is).
    func testTheInspectorComesBackOnWithTheSession() throws {
        let (s, _) = Self.inspected()
        let session = s.playground.session
        XCTAssertEqual(session.inspectTokens, true)
        let restored = PlaygroundState(area: s.playground.area, session: try Session.decode(
            try JSONEncoder().encode(session)), engines: [Self.local])
        XCTAssertTrue(restored.inspector.isOn)
        XCTAssertEqual(restored.currentOutput?.completion, " Paris is lovely")
        XCTAssertTrue(restored.currentOutput?.tokens.isEmpty ?? false)
        var off = s
        off.ctrl("t")
        XCTAssertNil(off.playground.session.inspectTokens)
    }

    func testTokensArePlacedOnTheTextEvenWhenOneSplitsACharacter() {
        // "é" is two bytes written by two tokens; the text arrives whole with the second.
        var tokens = OutputTokens()
        tokens.append([TokenLogprob(id: 1, text: "\u{FFFD}", bytes: [0xC3], logprob: -1, modelLogprob: -1, topLogprobs: []),
                       TokenLogprob(id: 2, text: "\u{FFFD}", bytes: [0xA9], logprob: -1, modelLogprob: -1, topLogprobs: []),
                       TokenLogprob(id: 3, text: "t", bytes: [0x74], logprob: -1, modelLogprob: -1, topLogprobs: [])])
        XCTAssertEqual(tokens.placed.map(\.start), [0, 1, 2])
        XCTAssertEqual(tokens.index(at: 0), 0)
        XCTAssertEqual(tokens.index(at: 1), 1)
        XCTAssertEqual(tokens.index(at: 2), 2)
        XCTAssertEqual(tokens.index(at: 9), 2)
        XCTAssertEqual(TokenConfidence(modelLogprob: log(0.9)), .high)
        XCTAssertEqual(TokenConfidence(modelLogprob: log(0.3)), .mid)
        XCTAssertEqual(TokenConfidence(modelLogprob: log(0.05)), .low)
    }

    func testTheCursorWalksTokensAndThePopupListsAlternatives() {
        var (s, _) = Self.inspected()
        XCTAssertTrue(s.playground.inspecting)
        XCTAssertEqual(s.playground.inspector.cursor, 0)
        s.press(.right)
        XCTAssertEqual(s.playground.tokenAtCursor?.token.text, " is")
        XCTAssertTrue(s.screen.contains("“ has”"), s.screen)
        XCTAssertTrue(s.screen.contains("50.0%"), s.screen)
        XCTAssertTrue(s.screen.contains("▶✓ “ is”"), "the written token is marked and highlighted:\n\(s.screen)")
        XCTAssertTrue(s.screen.contains("token 2/3"), s.screen)
        s.press(.up)
        XCTAssertEqual(s.playground.chosenAlternative?.text, " has")
        s.press(.right)
        s.press(.right)
        XCTAssertEqual(s.playground.inspector.cursor, 2, "the cursor stops at the last token")
        s.press(.home)
        XCTAssertEqual(s.playground.inspector.cursor, 0)
        // Tabs stay on [ ], and Ctrl-T again gives ←/→ back to them.
        s.ctrl("t")
        XCTAssertFalse(s.playground.inspecting)
        XCTAssertFalse(s.screen.contains("“ has”"))
    }

    func testBranchCutsBeforeTheTokenWritesTheAlternativeAndGoesOn() {
        var (s, snapshot) = Self.inspected()
        s.press(.right)
        s.press(.up)  // " has"
        let effects = s.press(.enter)
        guard case .startCompletion(let key, let branch)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(branch.prompt, "The capital of France is Paris has")
        XCTAssertEqual(branch.parameters.seed, snapshot.parameters.seed)
        XCTAssertEqual(branch.parameters.topLogprobs, snapshot.parameters.topLogprobs)
        XCTAssertEqual(branch.parameters.maxTokens, snapshot.parameters.maxTokens - 2)
        XCTAssertEqual(s.outputs.count, 2, "the original stays")
        XCTAssertEqual(s.outputs[0].completion, " Paris is lovely")
        XCTAssertEqual(s.outputTab, 1)
        XCTAssertEqual(s.currentOutput?.completion, " Paris has", "the new answer starts with the prefix and the pick")
        XCTAssertEqual(s.currentOutput?.tokens.placed.map(\.token.text), [" Paris", " has"])
        s.send(.streamTokens(request: key, index: 0, text: " a tower", tokens: [Self.token(41, " a", model: -1),
                                                                              Self.token(42, " tower", model: -2)]))
        s.send(.streamFinished(request: key, stats: CompletionStats()))
        XCTAssertEqual(s.currentOutput?.completion, " Paris has a tower")
        XCTAssertEqual(s.currentOutput?.tokens.count, 4)
        XCTAssertTrue(s.screen.contains("branch of 1 at token 2: “ has”"), s.screen)
        XCTAssertEqual(s.outputs[0].completion, " Paris is lovely")
    }

    func testBanRerunsTheSameSeedAndMarksWhereTheAnswerDeparts() {
        var (s, snapshot) = Self.inspected()
        s.press(.right)
        s.press(.right)  // " lovely"
        let effects = s.type(key: "b")
        guard case .startCompletion(let key, let rerun)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertEqual(rerun.prompt, snapshot.prompt)
        XCTAssertEqual(rerun.parameters.seed, snapshot.parameters.seed)
        XCTAssertEqual(rerun.parameters.logitBias[31], -100)
        s.send(.streamChunk(request: key, index: 0, text: " Paris is"))
        XCTAssertNil(s.currentOutput?.lineage?.departureOffset, "still the same as its source")
        s.send(.streamChunk(request: key, index: 0, text: " big"))
        s.send(.streamChunk(request: key, index: 0, text: " and lovely"))
        s.send(.streamFinished(request: key, stats: CompletionStats()))
        XCTAssertEqual(s.currentOutput?.lineage?.sharedWithSource, 10)
        XCTAssertEqual(s.currentOutput?.lineage?.departureOffset, 10, "fixed once found")
        XCTAssertTrue(s.screen.contains("1 re-run with “ lovely” banned · departs at char 11"), s.screen)
        // A boost asks for +5 on the popup's choice.
        s.send(.key(.char("1")))
        s.press(.home)
        s.press(.right)
        s.press(.up)
        guard case .startCompletion(_, let boosted)? = s.type(key: "+").first else { return XCTFail() }
        XCTAssertEqual(boosted.parameters.logitBias[22], TokenInspector.boost)
    }

    func testASpanWithoutTokenDataIsScoredByLogprobOnDemand() {
        var s = AppState.sample(columns: 100, rows: 30, prompt: "Once upon")
        s.ctrl("t")
        guard case .startCompletion(let key, _)? = s.press(.function(5)).first else { return XCTFail() }
        s.send(.streamChunk(request: key, index: 0, text: " a time there was"))
        s.send(.streamFinished(request: key, stats: CompletionStats()))
        XCTAssertTrue(s.screen.contains("word 1/4"), s.screen)
        s.press(.right)
        s.press(.right, .shift)  // " time there"
        let effects = s.type(key: "s")
        guard case .scoreContinuation(let scoreKey, let backend, let engine, let request)? = effects.first else {
            return XCTFail("\(effects)")
        }
        XCTAssertEqual(backend, "textsynth")
        XCTAssertEqual(engine, "gptj_6B")
        XCTAssertEqual(request, LogprobRequest(context: "Once upon a", continuation: " time there"))
        XCTAssertTrue(s.screen.contains("scoring…"), s.screen)
        s.send(.continuationScored(request: scoreKey, answer: LogprobAnswer(logprob: -3.5, numTokens: 2, isGreedy: true)))
        s.send(.creditsMeasured(request: scoreKey, change: -0.0021))
        XCTAssertTrue(s.screen.contains("logprob -3.500"), s.screen)
        XCTAssertTrue(s.screen.contains("greedy ✓"), s.screen)
        XCTAssertTrue(s.screen.contains("cost 0.0021 credits"), s.screen)
        XCTAssertFalse(s.phase.isInFlight, "scoring is not a run: F5 stays free")
    }

    func testGoldensColourAndMono() {
        var (s, _) = Self.inspected()
        s.press(.right)
        GoldenFile.assertMatches(render(s), named: "inspector-popup-100x30")
        s.ctrl("t")
        s.ctrl("t")
        s.press(.tab)  // the cursor and popup go; the colours stay
        GoldenFile.assertMatches(render(s), named: "inspector-colours-100x30")
        // NO_COLOR: the same roles as attributes.
        let mono = Theme.builtInMono
        XCTAssertEqual(mono.look(.tokenLow).attributes, [.underline])
        XCTAssertEqual(mono.look(.tokenMid).attributes, [.dim])
        XCTAssertEqual(mono.look(.tokenHigh).attributes, [])
        GoldenFile.assertMatches(render(s), named: "inspector-mono-100x30", attributesUnder: mono)
    }
}

/// Ctrl-G: candidates typed one per line, scored one after another, ranked; Enter makes one the answer.
final class ContinuationScorerTests: XCTestCase {
    func testCandidatesAreScoredInTurnRankedAndUsed() {
        var s = AppState.sample(columns: 100, rows: 30, prompt: "The capital of France is")
        s.ctrl("g")
        XCTAssertNotNil(s.playground.scorer)
        s.type(" Paris")
        s.press(.enter)
        s.type(" a city")
        s.press(.enter)
        s.type(" London")
        var effects = s.press(.function(5))
        XCTAssertEqual(effects.count, 1, "one at a time: the cloud's cost is measured per request")
        var keys: [RequestKey] = []
        let scores: [Double] = [-0.3, -7.8, -4.2]
        for i in 0..<3 {
            guard case .scoreContinuation(let key, _, _, let request)? = effects.first else { return XCTFail("\(effects)") }
            XCTAssertEqual(request.context, "The capital of France is")
            XCTAssertEqual(request.continuation, [" Paris", " a city", " London"][i])
            keys.append(key)
            effects = s.send(.continuationScored(request: key, answer: LogprobAnswer(logprob: scores[i], numTokens: i + 1,
                                                                                     isGreedy: i == 0)))
        }
        XCTAssertTrue(effects.isEmpty)
        XCTAssertEqual(s.playground.scorer?.ranked.map(\.candidate), [" Paris", " London", " a city"])
        XCTAssertEqual(s.playground.scorer?.ranked[2].average, -3.9)
        GoldenFile.assertMatches(render(s), named: "scorer-100x30")
        s.press(.down)
        s.press(.enter)
        XCTAssertNil(s.playground.scorer)
        XCTAssertEqual(s.currentOutput?.completion, " London")
        XCTAssertTrue(s.screen.contains("candidate ranked 2 by the scorer"), s.screen)
    }

    func testAFailedCandidateSaysWhyAndTheRestGoOn() {
        var s = AppState.sample(columns: 100, rows: 30, prompt: "Hi")
        s.ctrl("g")
        s.type("a")
        s.press(.enter)
        s.type("b")
        guard case .scoreContinuation(let first, _, _, _)? = s.press(.function(5)).first else { return XCTFail() }
        let next = s.send(.requestFailed(request: first, message: "Rate limited (429)", status: 429))
        XCTAssertEqual(next.count, 1)
        XCTAssertTrue(s.screen.contains("✗  a · Rate limited (429)"), s.screen)
        XCTAssertEqual(s.phase, .idle, "a scorer failure is not the playground's")
    }

    func testNothingToScoreIsSaidNotSent() {
        var s = AppState.sample(columns: 100, rows: 30, prompt: "Hi")
        s.ctrl("g")
        XCTAssertTrue(s.press(.function(5)).isEmpty)
        XCTAssertEqual(s.parameterNotice?.isError, true)
    }
}

private extension AppState {
    /// Types one character as a key (the inspector's letter keys) and returns what it asked for.
    mutating func type(key c: Character) -> [Effect] { send(.key(.char(c))) }
}

/// y copies the answer (or, inspecting, the span at the cursor) and Alt-C the screen as Markdown, through the
/// terminal's clipboard (OSC 52).
final class CopyTests: XCTestCase {
    func testYCopiesTheAnswerOrTheSpanAndAltCTheScreen() {
        var (s, _) = TokenInspectorTests.inspected()
        s.press(.right)
        s.press(.right, .shift)
        XCTAssertEqual(s.send(.key(.char("y"))), [.copyToClipboard(" is lovely")])
        s.ctrl("t")
        XCTAssertEqual(s.send(.key(.char("y"))), [.copyToClipboard(" Paris is lovely")])
        let effects = s.send(.key(KeyPress(.character("c"), .alt)))
        guard case .copyToClipboard(let markdown)? = effects.first else { return XCTFail("\(effects)") }
        XCTAssertTrue(markdown.hasPrefix("# Playground run"), markdown)
        XCTAssertTrue(markdown.contains(" Paris is lovely"), markdown)
        XCTAssertTrue(s.parameterNotice?.text.contains("copied the playground as Markdown") ?? false)
        var empty = AppState.sample()
        XCTAssertTrue(empty.send(.key(KeyPress(.character("c"), .alt))).isEmpty)
    }
}
