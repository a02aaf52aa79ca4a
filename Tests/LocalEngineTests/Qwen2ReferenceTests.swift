import Foundation
import XCTest
@testable import LocalEngine

/// The qwen2 architecture (Q/K/V biases, RoPE on halves, the "qwen2" pre-tokenizer) on a tiny random model written at
/// test time by Reference/make_tiny_qwen2.py: its float logits against numpy (Reference/forward.py), and its tokenizer
/// ids, first-token top-5 log-probabilities and greedy tokens against llama.cpp on the same file
/// (TokenizerReference/tiny-qwen2-llamacpp.json, written by llamacpp_reference.py beside it).
final class Qwen2ReferenceTests: XCTestCase {
    struct Greedy: Decodable {
        let prompt: String
        let completion: String
        let completion_tokens: [Int32]
        let first_token_top5: [ReferenceLlamaCppTests.Candidate]
    }
    struct Reference: Decodable {
        let model_sha256: String
        let tokenize: [GemmaReferenceTests.Tokenized]
        let greedy: [Greedy]
    }

    static let referenceURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("TokenizerReference/tiny-qwen2-llamacpp.json")
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-qwen2-\(UUID().uuidString)")
    /// The tied model, written once for the whole class.
    static let tinyModel: Result<(path: String, sha256: String), any Error> = Result {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("tiny-qwen2.gguf").path
        return (path, try ReferencePython.makeTinyQwen2(at: path))
    }

    override class func tearDown() {
        try? FileManager.default.removeItem(at: directory)
        super.tearDown()
    }

    private func loadReference() throws -> Reference {
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: Self.referenceURL))
        XCTAssertEqual(try Self.tinyModel.get().sha256, reference.model_sha256,
                       "make_tiny_qwen2.py wrote another file than the reference was made from: regenerate the reference")
        return reference
    }

    private func referenceTokenizerAndModel() throws -> (Reference, Tokenizer, LlamaModel) {
        let reference = try loadReference()
        let file = try GGUFFile(path: try Self.tinyModel.get().path)
        return (reference, try Tokenizer(gguf: file), try LlamaModel(file: file, threads: 2, contextLength: 64))
    }

    func testConfigReadsQwen2() throws {
        let file = try GGUFFile(path: try Self.tinyModel.get().path)
        let config = try LlamaConfig(file: file)
        XCTAssertEqual(config.family, .qwen2)
        XCTAssertTrue(config.family.ropeRotatesHalves)
        XCTAssertEqual(config.ropeFrequencyBase, 1e6)
        XCTAssertEqual(config.headDimension, 16)
        let tokenizer = try Tokenizer(gguf: file)
        XCTAssertEqual(tokenizer.encode("<|im_end|>", parseSpecial: true), [tokenizer.eosID!])
    }

    /// F32 weights, so no activation rounding: float summation order only. Measured worst |Δlogit| 2.3e-5 (logits within
    /// ±33, the JSON rounded to 1e-5); bound 1e-3.
    func testFloatPathMatchesNumpyTiedAndUntied() throws {
        let tokens = [1, 5, 17, 42, 300, 655, 3, 3, 60, 601]
        let untiedPath = Self.directory.appendingPathComponent("tiny-qwen2-untied.gguf").path
        let tied = try Self.tinyModel.get().path
        try ReferencePython.makeTinyQwen2(untied: true, at: untiedPath)
        for path in [tied, untiedPath] {
            let expected = try ReferencePython.logits(model: path, tokens: tokens, all: true)
            let file = try GGUFFile(path: path)
            XCTAssertEqual(file.tensor(named: "output.weight") != nil, path == untiedPath)
            let model = try LlamaModel(file: file, threads: 2, roundsActivations: false)
            let rows = try model.forward([SequenceBatchEntry(cache: model.makeCache(), tokens: tokens, allLogits: true)])[0]
            XCTAssertEqual(rows.count, tokens.count)
            for (i, (row, reference)) in zip(rows, expected).enumerated() {
                let diff = largestDifference(row, reference)
                XCTAssertLessThan(diff, 1e-3, "\(path) position \(i): max |Δlogit| \(diff)")
            }
        }
    }

    func testTokenizerMatchesLlamaCpp() throws {
        let reference = try loadReference()
        let tokenizer = try Tokenizer(gguf: GGUFFile(path: try Self.tinyModel.get().path))
        for entry in reference.tokenize {
            let special = tokenizer.encode(entry.text, parseSpecial: true)
            XCTAssertEqual(special, entry.tokens_parsing_special,
                           "\(entry.text.debugDescription): \(TokenizerFixture.firstDifference(special, entry.tokens_parsing_special))")
            // llama-server's /tokenize always parses special tokens: its plain ids only count for plain text.
            if !entry.text.contains("<|") {
                XCTAssertEqual(tokenizer.encode(entry.text), entry.tokens, entry.text.debugDescription)
            }
            XCTAssertEqual(tokenizer.decode(entry.tokens_parsing_special), entry.text, "decodes back")
        }
    }

    /// The reference ran llama.cpp with float attention and KV cache (`-fa off -ctk f32 -ctv f32`): measured worst |Δ|
    /// 4.1e-5 (numpy's against it: 2.1e-5); bound 1e-3. With llama.cpp's defaults (flash attention, F16 KV cache) its
    /// values move by up to 0.038 from both. The most likely token must agree.
    func testFirstTokenTopFiveLogProbabilitiesMatchLlamaCpp() throws {
        let (reference, tokenizer, model) = try referenceTokenizerAndModel()
        for entry in reference.greedy {
            let ids = tokenizer.encode(entry.prompt, parseSpecial: true).map(Int.init)  // no BOS: add_bos_token is false
            let logprobs = logProbabilities(try model.forward(cache: model.makeCache(), tokens: ids))
            XCTAssertEqual(indexOfLargest(logprobs.map(Float.init)), entry.first_token_top5[0].id, entry.prompt)
            for candidate in entry.first_token_top5 {
                XCTAssertEqual(logprobs[candidate.id], candidate.logprob, accuracy: 1e-3,
                               "\(entry.prompt.debugDescription) → \(candidate.token.debugDescription)")
            }
        }
    }

    /// Every one of the 16 tokens of each prompt (the random model has no near ties there).
    func testGreedyTokensMatchLlamaCpp() throws {
        let (reference, tokenizer, model) = try referenceTokenizerAndModel()
        for entry in reference.greedy {
            let prompt = tokenizer.encode(entry.prompt, parseSpecial: true).map(Int.init)
            let generated = try greedyTokens(model, prompt: prompt, count: entry.completion_tokens.count)
            XCTAssertEqual(generated, entry.completion_tokens, entry.prompt.debugDescription)
            XCTAssertEqual(tokenizer.decode(generated), entry.completion, entry.prompt.debugDescription)
        }
    }
}
