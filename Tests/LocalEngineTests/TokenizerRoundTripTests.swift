import Foundation
import TestPeer
import XCTest
@testable import LocalEngine

/// decode(encode(s)) == s, special-token parsing, byte-level details, and encode speed.
final class TokenizerRoundTripTests: XCTestCase {
    /// SmolLM2's vocabulary has no token for the bytes 0x04 0x06 0x13 0x14 0x16 0x1D 0xF1 0xF2 (nor for the
    /// bytes invalid in UTF-8): those control characters and every scalar of planes 4-11 cannot round-trip.
    private static func representable(_ value: UInt32) -> Bool {
        ![0x04, 0x06, 0x13, 0x14, 0x16, 0x1D].contains(value) && !(0x40000...0xBFFFF).contains(value)
    }

    func testRoundTripOfTrickyTexts() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let texts = [
            "", " ", "  ", "\n", "\r\n", "\t", "a\r\nb\r\n\r\n", "tabs\t\tand  spaces \t\n end ",
            "東京タワー and 🙂 emoji", "👨‍👩‍👧‍👦 🏳️‍🌈 👍🏽 🇫🇷", "e\u{301} a\u{300}\u{316} Z\u{351}\u{36B}\u{343}",
            "naïve café — déjà vu", "مرحبا بالعالم", "שלום עולם", "नमस्ते दुनिया", "한국어",
            "<|im_start|>user\nHi<|im_end|>", "don't won't it's 'S", "1234567890 3.14159",
            String(repeating: " ", count: 300), String(repeating: "ab", count: 500),
            String(repeating: "東", count: 2000), "\u{0}\u{1}\u{7F}\u{80}\u{FEFF}\u{10FFFF}\u{E000}",
        ]
        for text in texts {
            let ids = tokenizer.encode(text)
            XCTAssertEqual(tokenizer.decode(ids), text, "round trip of \(text.debugDescription.prefix(60))")
            let special = tokenizer.encode(text, parseSpecial: true)
            XCTAssertEqual(tokenizer.decode(special), text, "special round trip of \(text.debugDescription.prefix(60))")
        }
    }

    func testRoundTripOfRandomUnicode() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        // Scalars drawn from ASCII, Latin-1, combining marks, CJK, Hangul, emoji, ZWJ and the astral planes.
        let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0x80...0x24F, 0x300...0x36F, 0x590...0x6FF, 0x900...0x97F,
                                             0x2000...0x206F, 0x3000...0x30FF, 0x4E00...0x4FFF, 0xAC00...0xAD00,
                                             0x1F300...0x1F64F, 0x200D...0x200D, 0xFE0F...0xFE0F, 0x10000...0x10FFFF]
        var generator = SeededRandom(seed: 12345)
        for _ in 0..<300 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int(generator.next() % 40) {
                let range = ranges[Int(generator.next() % UInt64(ranges.count))]
                let value = range.lowerBound + UInt32(generator.next() % UInt64(range.count))
                guard let scalar = Unicode.Scalar(value), Self.representable(value) else { continue }
                scalars.append(scalar)
            }
            let text = String(scalars)
            XCTAssertEqual(tokenizer.decode(tokenizer.encode(text)), text, "round trip of \(text.debugDescription)")
        }
    }

    func testSpecialTokensParseOnlyWhenAsked() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        XCTAssertEqual(tokenizer.id(of: "<|im_start|>"), 1)
        XCTAssertEqual(tokenizer.encode("<|im_start|><|im_end|><|endoftext|>", parseSpecial: true), [1, 2, 0])
        XCTAssertFalse(tokenizer.encode("<|im_start|>", parseSpecial: false).contains(1))
        XCTAssertEqual(tokenizer.endOfGenerationIDs, [0, 2])
        XCTAssertEqual(tokenizer.eosID, 2)
        XCTAssertTrue(tokenizer.isControl(1))
        XCTAssertFalse(tokenizer.isControl(7042))
        XCTAssertEqual(tokenizer.decode([1, 4093, 2], skippingControlTokens: true), "user")
        XCTAssertEqual(tokenizer.decode([1, 4093, 2]), "<|im_start|>user<|im_end|>")
    }

    func testByteLevelTokens() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        XCTAssertEqual(tokenizer.tokenBytes(7042), Array(" Paris".utf8))
        XCTAssertEqual(tokenizer.tokenBytes(-1), [])
        XCTAssertEqual(tokenizer.tokenBytes(Int32(tokenizer.vocabularySize)), [])
        // "🙂" is four bytes spread over two tokens that are not valid UTF-8 alone.
        let ids = tokenizer.encode("🙂")
        XCTAssertGreaterThan(ids.count, 1)
        XCTAssertEqual(ids.flatMap { tokenizer.tokenBytes($0) }, Array("🙂".utf8))
    }

    /// A byte without a token (U+0006) is dropped but still separates its neighbours, as in llama.cpp.
    func testBytesMissingFromTheVocabularyBlockMerges() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let dot = try XCTUnwrap(tokenizer.id(of: "."))
        XCTAssertEqual(tokenizer.encode(".\u{6}."), [dot, dot])
        XCTAssertEqual(tokenizer.encode("\u{4}"), [])
        // A plane-5 scalar starts with the missing byte 0xF1: only its three continuation bytes remain.
        XCTAssertEqual(tokenizer.encode("\u{50000}").flatMap { tokenizer.tokenBytes($0) }, [0x90, 0x80, 0x80])
        XCTAssertNotEqual(tokenizer.encode(".."), [dot, dot])
    }

    /// The word cache changes nothing but speed (EngineBench's business): a second pass encodes token for token alike.
    func testCachedWordsEncodeAsTheFirstPassDid() throws {
        try TestModel.require()
        let fresh = try Tokenizer(gguf: GGUFFile(path: TokenizerFixture.modelPath))  // empty word cache
        let corpus = try String(contentsOf: TokenizerFixture.referenceFolder.appendingPathComponent("corpus.txt"),
                                encoding: .utf8)
        let text = String(repeating: corpus, count: 20)
        let cold = fresh.encode(text)
        let warm = fresh.encode(text)
        XCTAssertFalse(cold.isEmpty)
        XCTAssertEqual(cold, warm)
    }
}
