import Foundation
import XCTest
@testable import LocalEngine

/// SentencePiece-style BPE (`tokenizer.ggml.model = "llama"`, Gemma's) on a tiny vocabulary written as a GGUF file:
/// merge order by score, leftmost on ties, "▁" for spaces, byte fallback, the space prefix, special tokens.
final class TokenizerSentencePieceTests: XCTestCase {
    /// id: 0 <unk>, 1 <s>, 2 </s>, 3… the pieces below, then <0xC3> and <0xA9> (é) as byte tokens.
    private let pieces: [(String, Float)] = [
        ("a", -1), ("b", -1), ("c", -1), ("▁", -1), ("ab", -3), ("bc", -2), ("▁b", -2), ("▁ab", -4), ("xy", -5),
    ]

    private func tokenizer(addSpacePrefix: Bool, tieABWithBC: Bool = false) throws -> Tokenizer {
        var tokens = ["<unk>", "<s>", "</s>"], scores: [Float] = [0, 0, 0], types: [Int32] = [2, 3, 3]
        for (piece, score) in pieces {
            tokens.append(piece)
            scores.append(piece == "ab" && tieABWithBC ? -2 : score)
            types.append(1)
        }
        tokens += ["<0xC3>", "<0xA9>"]
        scores += [0, 0]
        types += [6, 6]
        var file = GGUFTestFile()
        file.metadata.append(("tokenizer.ggml.model", .string("llama")))
        file.metadata.append(("tokenizer.ggml.tokens", .array(elementType: 8, tokens.map { .string($0) })))
        file.metadata.append(("tokenizer.ggml.scores", .array(elementType: 6, scores.map { .f32($0) })))
        file.metadata.append(("tokenizer.ggml.token_type", .array(elementType: 5, types.map { .i32($0) })))
        file.metadata.append(("tokenizer.ggml.add_space_prefix", .bool(addSpacePrefix)))
        file.metadata.append(("tokenizer.ggml.bos_token_id", .u32(1)))
        file.metadata.append(("tokenizer.ggml.eos_token_id", .u32(2)))
        let folder = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("spm.gguf")
        try file.write(to: url)
        return try Tokenizer(gguf: GGUFFile(path: url.path))
    }

    private func spellings(_ tokenizer: Tokenizer, _ text: String, parseSpecial: Bool = false) -> [String] {
        tokenizer.encode(text, parseSpecial: parseSpecial).map { tokenizer.tokens[Int($0)] }
    }

    func testTheBestScoredPairMergesFirstAndTiesGoLeft() throws {
        let scored = try tokenizer(addSpacePrefix: false)
        XCTAssertNil(scored.preTokenizer)
        XCTAssertEqual(spellings(scored, "abc"), ["a", "bc"], "bc (−2) beats ab (−3)")
        XCTAssertEqual(spellings(try tokenizer(addSpacePrefix: false, tieABWithBC: true), "abc"), ["ab", "c"])
    }

    func testSpacesAreWrittenAsLowLinesAndDecodedBack() throws {
        let tokenizer = try tokenizer(addSpacePrefix: false)
        XCTAssertEqual(spellings(tokenizer, "a b"), ["a", "▁b"])
        XCTAssertEqual(spellings(tokenizer, "a  b"), ["a", "▁", "▁b"])
        XCTAssertEqual(tokenizer.decode(tokenizer.encode("a  b ab")), "a  b ab")
    }

    func testCharactersWithoutATokenFallBackToTheirBytes() throws {
        let tokenizer = try tokenizer(addSpacePrefix: false)
        XCTAssertEqual(spellings(tokenizer, "aé"), ["a", "<0xC3>", "<0xA9>"])
        XCTAssertEqual(tokenizer.decode(tokenizer.encode("aé")), "aé")
        XCTAssertEqual(tokenizer.tokenBytes(tokenizer.id(of: "<0xC3>")!), [0xC3])
        // No byte token for "z" (0x7A): dropped, as llama.cpp does with a byte it cannot spell.
        XCTAssertEqual(spellings(tokenizer, "zab"), ["ab"])
    }

    func testTheSpacePrefixStartsTheTextAndFollowsSpecialTokens() throws {
        let prefixed = try tokenizer(addSpacePrefix: true)
        XCTAssertEqual(spellings(prefixed, "ab"), ["▁ab"])
        XCTAssertEqual(spellings(prefixed, "<s>ab", parseSpecial: true), ["<s>", "▁ab"])
        XCTAssertEqual(spellings(try tokenizer(addSpacePrefix: false), "<s>ab", parseSpecial: true), ["<s>", "ab"])
        XCTAssertEqual(prefixed.endOfGenerationIDs, [2])
    }
}
