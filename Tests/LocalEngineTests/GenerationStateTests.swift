import XCTest
@testable import LocalEngine

/// The per-sequence state machine, driven by synthetic logits over a tiny byte-level vocabulary.
final class GenerationStateTests: XCTestCase {
    /// A small vocabulary: <|endoftext|>=0, <|im_end|>=1, <|im_start|>=2, then the 256 byte tokens, then " world".
    private static let tokenizer: Tokenizer = {
        let byteSpellings = (0..<256).map { TokenizerByteMapping.encode([UInt8($0)]) }
        let tokens = ["<|endoftext|>", "<|im_end|>", "<|im_start|>"] + byteSpellings + ["Ġw", "Ġworld"]
        let types: [Int32] = [3, 3, 3] + [Int32](repeating: 1, count: 258)
        return try! Tokenizer(tokens: tokens, merges: ["Ġ w", "Ġw orld"], tokenTypes: types, eosID: 1)
    }()

    private var tokenizer: Tokenizer { Self.tokenizer }

    /// Logits that make `id` the greedy choice.
    private func logits(choosing id: Int32) -> [Float] {
        var logits = [Float](repeating: 0, count: tokenizer.vocabularySize)
        logits[Int(id)] = 10
        return logits
    }

    private func byteToken(_ byte: UInt8) -> Int32 { Int32(byte) + 3 }

    private func run(_ state: inout GenerationState, _ ids: [Int32]) -> [GenerationStep] {
        ids.map { state.advance(logits: logits(choosing: $0)) }
    }

    func testEndOfGenerationTokensStopWithoutText() {
        XCTAssertEqual(tokenizer.endOfGenerationIDs, [0, 1])
        for end: Int32 in [0, 1] {
            var state = GenerationState(tokenizer: tokenizer, promptTokens: [5], options: .greedy, maxTokens: 10)
            let steps = run(&state, [byteToken(0x41), end])
            XCTAssertEqual(steps.map(\.text), ["A", ""])
            XCTAssertEqual(steps.last?.finishReason, .stop)
            XCTAssertEqual(state.text, "A")
            XCTAssertEqual(state.generatedCount, 2)
            XCTAssertTrue(state.isFinished)
        }
    }

    func testMaxTokensEndsWithLength() {
        var state = GenerationState(tokenizer: tokenizer, promptTokens: [5], options: .greedy, maxTokens: 3)
        let steps = run(&state, [byteToken(0x61), 260, byteToken(0x21)])
        XCTAssertEqual(steps.map(\.finishReason), [nil, nil, .length])
        XCTAssertEqual(state.text, "a world!")
        XCTAssertEqual(Array(state.generatedTokens), [byteToken(0x61), 260, byteToken(0x21)])
        XCTAssertEqual(state.advance(logits: logits(choosing: 7)).text, "", "nothing after the end")
        XCTAssertEqual(state.generatedCount, 3)
        let none = GenerationState(tokenizer: tokenizer, promptTokens: [5], options: .greedy, maxTokens: 0)
        XCTAssertEqual(none.finishReason, .length)
    }

    func testStopStringAcrossTokensAndStreamedTextAgree() {
        var state = GenerationState(tokenizer: tokenizer, promptTokens: [5], options: .greedy, maxTokens: 20,
                                    stopStrings: ["\n\n", "END"])
        let ids = Array("Hi\n".utf8).map(byteToken) + [260] + Array("\n\nlater".utf8).map(byteToken)
        var streamed = ""
        var last: GenerationStep?
        for id in ids {
            let step = state.advance(logits: logits(choosing: id))
            streamed += step.text
            last = step
            if step.finishReason != nil { break }
        }
        XCTAssertEqual(last?.finishReason, .stop)
        XCTAssertEqual(streamed, "Hi\n world")
        XCTAssertEqual(state.text, streamed)
    }

    func testHeldBackStopPrefixIsReleasedAtTheEnd() {
        var state = GenerationState(tokenizer: tokenizer, promptTokens: [5], options: .greedy, maxTokens: 4,
                                    stopStrings: ["xyz"])
        let steps = run(&state, Array("abxy".utf8).map(byteToken))
        XCTAssertEqual(steps.map(\.text), ["a", "b", "", "xy"])
        XCTAssertEqual(steps.last?.finishReason, .length)
        XCTAssertEqual(state.text, "abxy")
    }

    func testSplitMultiByteCharacterIsEmittedWhole() {
        var state = GenerationState(tokenizer: tokenizer, promptTokens: [5], options: .greedy, maxTokens: 10)
        let steps = run(&state, Array("🙂!".utf8).map(byteToken))
        XCTAssertEqual(steps.map(\.text), ["", "", "", "🙂", "!"])
        // Cut inside a character by max_tokens: the partial bytes come out as U+FFFD.
        var cut = GenerationState(tokenizer: tokenizer, promptTokens: [5], options: .greedy, maxTokens: 2)
        XCTAssertEqual(run(&cut, Array("🙂".utf8.prefix(2)).map(byteToken)).map(\.text), ["", "\u{FFFD}"])
    }

    func testControlTokensCarryNoText() {
        var state = GenerationState(tokenizer: tokenizer, promptTokens: [5], options: .greedy, maxTokens: 3)
        XCTAssertEqual(run(&state, [2, byteToken(0x6F), byteToken(0x6B)]).map(\.text), ["", "o", "k"])
    }

    func testPenaltiesSeeTheHistory() {
        // 'a' (5) leads 'b' (4); each use costs 0.6: a a (3.8 < 4) b (a 3.8 > b 3.4) a.
        var logits = [Float](repeating: 0, count: tokenizer.vocabularySize)
        logits[Int(byteToken(0x61))] = 5
        logits[Int(byteToken(0x62))] = 4
        var state = GenerationState(tokenizer: tokenizer, promptTokens: [5],
                                    options: SamplingOptions(temperature: 0, frequencyPenalty: 0.6), maxTokens: 4)
        let text = (0..<4).map { _ in state.advance(logits: logits).text }.joined()
        XCTAssertEqual(text, "aaba")
    }

    func testCompletionsGetDerivedSeeds() {
        let seeded = GenerationState.completions(3, tokenizer: tokenizer, promptTokens: [5],
                                                 options: SamplingOptions(seed: 7), maxTokens: 5)
        XCTAssertEqual(seeded.map(\.seed), [7, 8, 9])
        let random = GenerationState.completions(3, tokenizer: tokenizer, promptTokens: [5],
                                                 options: SamplingOptions(seed: 0), maxTokens: 5)
        XCTAssertEqual(Set(random.map(\.seed)).count, 3)
        XCTAssertFalse(random.contains { $0.seed == 0 })
    }

    func testFinishEarlyReleasesHeldText() {
        var state = GenerationState(tokenizer: tokenizer, promptTokens: [5], options: .greedy, maxTokens: 10,
                                    stopStrings: ["ab"])
        XCTAssertEqual(run(&state, [byteToken(0x61)]).map(\.text), [""])
        XCTAssertEqual(state.finishEarly(.length), "a")
        XCTAssertEqual(state.finishReason, .length)
        XCTAssertEqual(state.text, "a")
    }

    func testPromptFitDropsTheBeginning() {
        let prompt = Array(Int32(0)..<100)
        let fits = GenerationPromptFit(prompt: prompt, contextLength: 200, maxTokens: 100)
        XCTAssertEqual(fits, GenerationPromptFit(prompt: prompt, contextLength: 200, maxTokens: 100))
        XCTAssertFalse(fits.truncatedPrompt)
        XCTAssertEqual(fits.promptTokens, prompt)
        XCTAssertEqual(fits.maxNewTokens, 100)

        let truncated = GenerationPromptFit(prompt: prompt, contextLength: 120, maxTokens: 50)
        XCTAssertTrue(truncated.truncatedPrompt)
        XCTAssertEqual(truncated.promptTokens, Array(Int32(30)..<100), "the end of the prompt is kept")
        XCTAssertEqual(truncated.maxNewTokens, 50)

        let huge = GenerationPromptFit(prompt: prompt, contextLength: 64, maxTokens: 1000)
        XCTAssertTrue(huge.truncatedPrompt)
        XCTAssertEqual(huge.promptTokens, Array(Int32(37)..<100), "at least the prompt fits, with room for one token")
        XCTAssertEqual(huge.maxNewTokens, 1)

        let shortPrompt = GenerationPromptFit(prompt: [1, 2, 3], contextLength: 64, maxTokens: 1000)
        XCTAssertFalse(shortPrompt.truncatedPrompt)
        XCTAssertEqual(shortPrompt.maxNewTokens, 61)
    }
}
