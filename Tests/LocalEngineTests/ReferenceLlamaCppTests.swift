import Foundation
import XCTest
@testable import LocalEngine

/// LocalEngine against llama.cpp's outputs on the same file (TokenizerReference/smollm2-llamacpp.json,
/// read beside this source file, so the test runs from any checkout).
///
/// Measured agreement of the first token's top-5 log-probabilities: worst |Δ| 0.21 with float activations (the numpy
/// reference agrees with the float path, so that is llama.cpp's own rounding: 8-bit activations, F16 KV cache) and
/// 0.1–0.3 with 8-bit activations, which move with float summation order (see ReferenceModelTests). Bounds: 0.25
/// (float) and 0.4 (8-bit); the most likely token must agree, and the greedy continuation must start like
/// llama.cpp's (later tokens may part, as the reference notes).
final class ReferenceLlamaCppTests: XCTestCase {
    struct Candidate: Decodable { let token: String; let id: Int; let logprob: Double }
    struct Greedy: Decodable {
        let prompt: String
        let completion: String
        let first_token_top5: [Candidate]
    }
    struct Reference: Decodable { let greedy: [Greedy] }

    static let referenceURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("TokenizerReference/smollm2-llamacpp.json")

    func loadReference() throws -> Reference {
        let url = Self.referenceURL
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    func testFirstTokenTopFiveLogProbabilitiesMatchLlamaCpp() throws {
        let reference = try loadReference()
        let file = try GGUFFile(path: ModelFixture.modelPath)
        let tokenizer = try Tokenizer(gguf: file)
        for rounding in [true, false] {
            let model = try LlamaModel(file: file, threads: 2, contextLength: 256, roundsActivations: rounding)
            for entry in reference.greedy {
                let ids = tokenizer.encode(entry.prompt, parseSpecial: true).map(Int.init)
                let logprobs = logProbabilities(try model.forward(cache: model.makeCache(), tokens: ids))
                XCTAssertEqual(indexOfLargest(logprobs.map(Float.init)), entry.first_token_top5[0].id, entry.prompt)
                for candidate in entry.first_token_top5 {
                    XCTAssertEqual(logprobs[candidate.id], candidate.logprob, accuracy: rounding ? 0.4 : 0.25,
                                   "\(entry.prompt.debugDescription) → \(candidate.token.debugDescription) (rounding \(rounding))")
                }
            }
        }
    }

    func testGreedyContinuationsStartLikeLlamaCpp() throws {
        let reference = try loadReference()
        let file = try GGUFFile(path: ModelFixture.modelPath)
        let tokenizer = try Tokenizer(gguf: file)
        let model = try LlamaModel(file: file, threads: 2, contextLength: 256)
        for entry in reference.greedy {
            // Paris: " Paris", ".", "\n\n", "The" (the next token, " United" vs " answer", is a near tie that flips
            // with float summation order); the others: the first two tokens.
            let agreedTokens = entry.prompt == "The capital of France is" ? 4 : 2
            let generated = try greedyTokens(model, prompt: tokenizer.encode(entry.prompt, parseSpecial: true).map(Int.init),
                                             count: agreedTokens)
            let text = tokenizer.decode(generated)
            XCTAssertTrue(entry.completion.hasPrefix(text),
                          "\(entry.prompt.debugDescription): \(text.debugDescription) vs \(entry.completion.debugDescription)")
            if entry.prompt == "The capital of France is" { XCTAssertEqual(generated.first, 7042, "\" Paris\" first") }
        }
    }
}
