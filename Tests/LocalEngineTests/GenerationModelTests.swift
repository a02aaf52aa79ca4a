import XCTest
@testable import LocalEngine

/// Tokenizer, model and generation state together on SmolLM2 (the engine helper's LlamaModel):
/// greedy continuations must start as llama.cpp's do (Tests/LocalEngineTests/TokenizerReference/smollm2-llamacpp.json).
final class GenerationModelTests: XCTestCase {
    private func greedy(_ prompt: String, parseSpecial: Bool = false, tokens count: Int,
                        stopStrings: [String] = []) throws -> GenerationState {
        let tokenizer = try TokenizerFixture.tokenizer()
        let model = try LlamaModel(file: GGUFFile(path: TokenizerFixture.modelPath), threads: 2, contextLength: 256)
        let cache = model.makeCache()
        var state = GenerationState(tokenizer: tokenizer, promptTokens: tokenizer.encode(prompt, parseSpecial: parseSpecial),
                                    options: .greedy, maxTokens: count, stopStrings: stopStrings)
        var input = state.tokens.map(Int.init)
        while !state.isFinished {
            let logits = try model.forward(cache: cache, tokens: input)
            let step = state.advance(logits: logits)
            input = [Int(step.token)]
        }
        return state
    }

    func testCapitalOfFranceIsParis() throws {
        let state = try greedy("The capital of France is", tokens: 4)
        XCTAssertEqual(state.generatedTokens.first, 7042)
        XCTAssertTrue(state.text.hasPrefix(" Paris"), state.text)
        XCTAssertEqual(state.finishReason, .length)
    }

    func testChatPromptAnswersAndStopsAtStopString() throws {
        let prompt = "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n"
        let state = try greedy(prompt, parseSpecial: true, tokens: 12, stopStrings: [" is"])
        XCTAssertEqual(state.generatedTokens.first, 504, "\"The\", as llama.cpp")
        XCTAssertEqual(state.text, "The answer")
        XCTAssertEqual(state.finishReason, .stop)
    }

    private struct Reference: Decodable {
        struct Greedy: Decodable { let prompt: String; let completion: String }
        let greedy: [Greedy]
    }

    /// The first two tokens of llama.cpp's greedy continuations. Later ones may part: near-ties (" Nova" vs
    /// " New" at 0.16 nats) flip under llama.cpp's 8-bit activation rounding.
    func testGreedyContinuationsStartLikeLlamaCpp() throws {
        let url = TokenizerFixture.referenceFolder.appendingPathComponent("smollm2-llamacpp.json")
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        XCTAssertEqual(reference.greedy.count, 5)
        for entry in reference.greedy {
            let state = try greedy(entry.prompt, parseSpecial: true, tokens: 2)
            XCTAssertFalse(state.text.isEmpty)
            XCTAssertTrue(entry.completion.hasPrefix(state.text),
                          "\(entry.prompt.debugDescription): \(state.text.debugDescription) vs \(entry.completion.debugDescription)")
        }
    }

    /// " Paris" after "The capital of France is": greedy, log-probability as llama.cpp's (-0.248) within the
    /// tolerance its 8-bit activation rounding allows.
    func testLogProbabilityOfAContinuation() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let model = try LlamaModel(file: GGUFFile(path: TokenizerFixture.modelPath), threads: 2, contextLength: 64)
        let cache = model.makeCache()
        let continuation = tokenizer.encode(" Paris.")
        var score = GenerationLogProbability()
        var logits = try model.forward(cache: cache, tokens: tokenizer.encode("The capital of France is").map(Int.init))
        for token in continuation {
            score.add(token: token, logits: logits)
            if score.tokenCount == 1 { XCTAssertEqual(score.logprob, -0.248, accuracy: 0.05) }
            logits = try model.forward(cache: cache, tokens: [Int(token)])
        }
        XCTAssertTrue(score.isGreedy)
        XCTAssertEqual(score.tokenCount, 2)
        XCTAssertLessThan(score.logprob, 0)
    }
}
