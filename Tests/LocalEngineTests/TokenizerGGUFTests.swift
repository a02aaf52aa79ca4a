import Foundation
import XCTest
@testable import LocalEngine

/// Loading the tokenizer from GGUF metadata, on tiny files written with the engine tests' GGUFTestFile.
final class TokenizerGGUFTests: XCTestCase {
    private func tinyFile(model: String = "gpt2", pre: String? = "smollm", withMerges: Bool = true) -> GGUFTestFile {
        let tokens = ["<|endoftext|>", "<|im_end|>"] + (0..<256).map { TokenizerByteMapping.encode([UInt8($0)]) }
            + ["ab", "Ġab"]
        var file = GGUFTestFile()
        file.metadata.append(("tokenizer.ggml.model", .string(model)))
        if let pre { file.metadata.append(("tokenizer.ggml.pre", .string(pre))) }
        file.metadata.append(("tokenizer.ggml.tokens", .array(elementType: 8, tokens.map { .string($0) })))
        file.metadata.append(("tokenizer.ggml.token_type",
                              .array(elementType: 5, tokens.indices.map { .i32($0 < 2 ? 3 : 1) })))
        if withMerges {
            file.metadata.append(("tokenizer.ggml.merges", .array(elementType: 8, [.string("a b"), .string("Ġ ab")])))
        }
        file.metadata.append(("tokenizer.ggml.eos_token_id", .u32(1)))
        return file
    }

    private func load(_ file: GGUFTestFile) throws -> Tokenizer {
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("tiny.gguf")
        try file.write(to: url)
        return try Tokenizer(gguf: GGUFFile(path: url.path))
    }

    func testTinyVocabularyFromGGUF() throws {
        let tokenizer = try load(tinyFile())
        XCTAssertEqual(tokenizer.vocabularySize, 260)
        XCTAssertEqual(tokenizer.preTokenizer, .digitsThenGPT2)
        XCTAssertEqual(tokenizer.eosID, 1)
        XCTAssertEqual(tokenizer.endOfGenerationIDs, [0, 1])
        let ab = try XCTUnwrap(tokenizer.id(of: "ab")), spaceAB = try XCTUnwrap(tokenizer.id(of: "Ġab"))
        XCTAssertEqual(tokenizer.encode("ab ab12"), [ab, spaceAB, 2 + 0x31, 2 + 0x32])
        XCTAssertEqual(tokenizer.encode("<|im_end|>", parseSpecial: true), [1])
    }

    func testUnsupportedTokenizersAreRefused() throws {
        XCTAssertThrowsError(try load(tinyFile(model: "bert"))) {
            XCTAssertEqual($0 as? TokenizerError, .unsupportedModel("bert"))
            XCTAssertEqual("\($0)", "tokenizer model \"bert\" is not implemented (supported: gpt2, llama)")
        }
        XCTAssertThrowsError(try load(tinyFile(model: "llama"))) {
            XCTAssertEqual($0 as? TokenizerError, .missingMetadata("tokenizer.ggml.scores"))
        }
        XCTAssertThrowsError(try load(tinyFile(pre: nil))) {
            XCTAssertEqual($0 as? TokenizerError, .unsupportedPreTokenizer("default"))
        }
        XCTAssertThrowsError(try load(tinyFile(pre: "qwen35"))) {
            XCTAssertEqual($0 as? TokenizerError, .unsupportedPreTokenizer("qwen35"))
        }
        XCTAssertThrowsError(try load(tinyFile(withMerges: false))) {
            XCTAssertEqual($0 as? TokenizerError, .missingMetadata("tokenizer.ggml.merges"))
        }
        XCTAssertEqual(try load(tinyFile(pre: "gpt-2")).preTokenizer, .gpt2)
        XCTAssertEqual(try load(tinyFile(pre: "qwen2")).preTokenizer, .qwen2)
    }

    func testGPT2SplitKeepsDigitRuns() throws {
        let digits = try load(tinyFile(pre: "gpt-2")).encode(" 12")
        XCTAssertEqual(digits, [2 + 0x20, 2 + 0x31, 2 + 0x32], "one word ' 12', no merges for it")
        let splitter = TokenizerPreSplitter(kind: .gpt2)
        var pieces: [Range<Int>] = []
        let text = Array("a 123 b".utf8)
        text.withUnsafeBufferPointer { splitter.split($0, into: &pieces) }
        XCTAssertEqual(pieces.map { String(decoding: text[$0], as: UTF8.self) }, ["a", " 123", " b"])
    }
}
