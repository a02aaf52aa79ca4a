import XCTest
@testable import LocalEngine

/// Incremental UTF-8: only whole characters are released while streaming.
final class TokenizerTextDecoderTests: XCTestCase {
    func testMultiByteCharacterSplitOverTokens() {
        var decoder = TokenTextDecoder()
        let smile = Array("🙂".utf8)  // F0 9F 99 82
        XCTAssertEqual(decoder.append([UInt8(ascii: "a")] + smile[0..<2]), "a")
        XCTAssertTrue(decoder.hasPendingBytes)
        XCTAssertEqual(decoder.append(smile[2..<3]), "")
        XCTAssertEqual(decoder.append(smile[3...] + Array("東".utf8.prefix(1))), "🙂")
        XCTAssertEqual(decoder.append(Array("東".utf8.dropFirst())), "東")
        XCTAssertFalse(decoder.hasPendingBytes)
    }

    func testInvalidBytesAreNotHeldForever() {
        var decoder = TokenTextDecoder()
        XCTAssertEqual(decoder.append([0xFF, UInt8(ascii: "x")]), "\u{FFFD}x")
        XCTAssertEqual(decoder.append([0xE6, UInt8(ascii: "y")]), "\u{FFFD}y", "a lead byte cut short")
        XCTAssertEqual(decoder.append([0xE6, 0x9D]), "")
        XCTAssertEqual(decoder.finish(), "\u{FFFD}", "an unfinished character at the end")
        XCTAssertFalse(decoder.hasPendingBytes)
    }

    func testStreamingRealTokensGivesTheTextBack() throws {
        let tokenizer = try TokenizerFixture.tokenizer()
        let text = "東京タワー and 🙂 emoji, 👨‍👩‍👧‍👦 família — ok"
        var decoder = TokenTextDecoder()
        var chunks: [String] = []
        for id in tokenizer.encode(text) { chunks.append(decoder.append(tokenizer.tokenBytes(id))) }
        chunks.append(decoder.finish())
        XCTAssertEqual(chunks.joined(), text)
        XCTAssertFalse(chunks.joined().contains("\u{FFFD}"))
        XCTAssertTrue(chunks.contains(""), "some tokens end inside a character and release nothing")
    }
}
