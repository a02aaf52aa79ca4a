import Foundation
import XCTest
@testable import LocalEngine

/// The tokenizer against two independent implementations on the real SmolLM2 vocabulary:
/// llama.cpp's recorded output and Hugging Face `tokenizers` run live by a python script.
final class TokenizerReferenceTests: XCTestCase {
    private struct LlamaCppReference: Decodable {
        struct Case: Decodable {
            let text: String
            let tokens: [Int32]
            let tokens_parsing_special: [Int32]
        }
        let tokenize: [Case]
    }

    func testMatchesLlamaCppTokenization() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let url = TokenizerFixture.referenceFolder.appendingPathComponent("smollm2-llamacpp.json")
        let reference = try JSONDecoder().decode(LlamaCppReference.self, from: Data(contentsOf: url))
        XCTAssertGreaterThanOrEqual(reference.tokenize.count, 10)
        for entry in reference.tokenize {
            let plain = tokenizer.encode(entry.text, parseSpecial: false)
            XCTAssertEqual(plain, entry.tokens, "\(entry.text.debugDescription): \(TokenizerFixture.firstDifference(plain, entry.tokens))")
            let special = tokenizer.encode(entry.text, parseSpecial: true)
            XCTAssertEqual(special, entry.tokens_parsing_special,
                           "special \(entry.text.debugDescription): \(TokenizerFixture.firstDifference(special, entry.tokens_parsing_special))")
        }
    }

    /// Needs python3 with the `gguf` and `tokenizers` packages (CI installs them); fails without.
    func testMatchesHuggingFaceTokenizersOnCorpus() throws {
        try TokenizerFixture.assertMatchesHuggingFace(try TokenizerFixture.tokenizer(), model: TokenizerFixture.modelPath)
    }

    /// The "qwen2" pre-tokenizer and a vocabulary of every byte on the tiny qwen2 model (Qwen2ReferenceTests).
    func testQwen2MatchesHuggingFaceTokenizersOnCorpus() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("tiny-qwen2.gguf").path
        try ReferencePython.makeTinyQwen2(at: path)
        try TokenizerFixture.assertMatchesHuggingFace(try Tokenizer(gguf: GGUFFile(path: path)), model: path)
    }
}

extension TokenizerFixture {
    private struct PythonReference: Decodable {
        struct Case: Decodable {
            let text: String
            let ids: [Int32]
            let ids_special: [Int32]
        }
        let cases: [Case]?
        let error: String?
    }

    /// `tokenizer` against reference_tokenize.py's Hugging Face tokenizer for the same file, on corpus.txt and
    /// seeded random strings.
    static func assertMatchesHuggingFace(_ tokenizer: Tokenizer, model: String) throws {
        let script = referenceFolder.appendingPathComponent("reference_tokenize.py").path
        let corpus = referenceFolder.appendingPathComponent("corpus.txt").path
        guard let python = findInPath("python3") ?? ["/usr/local/bin/python3", "/usr/bin/python3"]
            .first(where: FileManager.default.isExecutableFile(atPath:)) else {
            return XCTFail("python3 is not installed: the reference tokenization needs python3 with gguf and tokenizers")
        }
        // Plus seeded random strings; SYNTHPAD_TOKENIZER_RANDOM raises the count for a deeper check.
        let randomCount = ProcessInfo.processInfo.environment["SYNTHPAD_TOKENIZER_RANDOM"] ?? "300"
        let run = try runCollectingStdout(python, [script, model, corpus, randomCount], timeout: 120)
        XCTAssertFalse(run.timedOut, "reference_tokenize.py was killed after 120 s")
        guard let reference = try? JSONDecoder().decode(PythonReference.self, from: run.stdout) else {
            return XCTFail("reference_tokenize.py exited \(run.status) without JSON output (\(run.stdout.count) bytes)")
        }
        if let error = reference.error { return XCTFail("reference_tokenize.py: \(error)") }
        let cases = try XCTUnwrap(reference.cases)
        XCTAssertGreaterThan(cases.count, 400, "corpus lines, the whole corpus, random strings")
        var mismatches = 0
        for entry in cases {
            let plain = tokenizer.encode(entry.text, parseSpecial: false)
            let special = tokenizer.encode(entry.text, parseSpecial: true)
            if plain != entry.ids {
                mismatches += 1
                XCTFail("\(entry.text.debugDescription.prefix(120)): \(firstDifference(plain, entry.ids))")
            }
            if special != entry.ids_special {
                mismatches += 1
                XCTFail("special \(entry.text.debugDescription.prefix(120)): \(firstDifference(special, entry.ids_special))")
            }
        }
        XCTAssertEqual(mismatches, 0)
    }

    private static func findInPath(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { "\($0)/\(name)" }.first(where: FileManager.default.isExecutableFile(atPath:))
    }
}
