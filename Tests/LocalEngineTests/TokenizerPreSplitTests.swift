import XCTest
@testable import LocalEngine

/// The hand-written pre-tokenizer against what the GPT-2 pattern (after SmolLM2's digit split) matches.
final class TokenizerPreSplitTests: XCTestCase {
    private func words(_ text: String, _ kind: PreTokenizerKind = .digitsThenGPT2) -> [String] {
        var pieces: [Range<Int>] = []
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { TokenizerPreSplitter(kind: kind).split($0, into: &pieces) }
        return pieces.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    func testLettersPunctuationAndContractions() {
        XCTAssertEqual(words("Hello, world!"), ["Hello", ",", " world", "!"])
        XCTAssertEqual(words("don't it's we'll I'M"), ["don", "'t", " it", "'s", " we", "'ll", " I", "'", "M"])
        XCTAssertEqual(words("''s"), ["''", "s"])
        XCTAssertEqual(words("naïve café"), ["naïve", " café"])
        XCTAssertEqual(words("e\u{301}"), ["e", "\u{301}"], "a combining mark is neither letter nor number")
    }

    func testWhitespaceLeavesItsLastSpaceToTheNextWord() {
        XCTAssertEqual(words("a   b"), ["a", "  ", " b"])
        XCTAssertEqual(words("a\n\nb"), ["a", "\n", "\n", "b"])
        XCTAssertEqual(words("a \n b"), ["a", " \n", " b"])
        XCTAssertEqual(words("a\t\tb"), ["a", "\t", "\t", "b"])
        XCTAssertEqual(words("end  "), ["end", "  "])
        XCTAssertEqual(words("x\u{3000}y"), ["x", "\u{3000}", "y"], "only U+0020 joins the next word")
    }

    func testDigitsStandAlone() {
        XCTAssertEqual(words("abc123 4.5"), ["abc", "1", "2", "3", " ", "4", ".", "5"])
        XCTAssertEqual(words("x²½"), ["x", "²", "½"])
        XCTAssertEqual(words("abc123 4.5", .gpt2), ["abc", "123", " 4", ".", "5"])
    }

    func testEmptyAndNonLatinText() {
        XCTAssertEqual(words(""), [])
        XCTAssertEqual(words("東京タワー and 🙂"), ["東京タワー", " and", " 🙂"])
        XCTAssertEqual(words("مرحبا بالعالم"), ["مرحبا", " بالعالم"])
    }

    /// Qwen2's pattern (llama.cpp's unicode_regex_split_custom_qwen2).
    func testQwen2Pattern() {
        XCTAssertEqual(words("Hello, world!", .qwen2), ["Hello", ",", " world", "!"])
        XCTAssertEqual(words("I'M YOU'RE it's", .qwen2), ["I", "'M", " YOU", "'RE", " it", "'s"], "contractions in any case")
        XCTAssertEqual(words("'quoted' (x)", .qwen2), ["'quoted", "'", " (", "x", ")"], "one non-letter joins the letters")
        XCTAssertEqual(words("\tTab", .qwen2), ["\tTab"])
        XCTAssertEqual(words("abc123 4.5", .qwen2), ["abc", "1", "2", "3", " ", "4", ".", "5"])
        XCTAssertEqual(words("x=1;\n\ny", .qwen2), ["x", "=", "1", ";\n\n", "y"], "newlines stick to punctuation")
        XCTAssertEqual(words("a  \n \nb", .qwen2), ["a", "  \n \n", "b"], "spaces up to the last newline")
        XCTAssertEqual(words("a   b", .qwen2), ["a", "  ", " b"])
        XCTAssertEqual(words("end  ", .qwen2), ["end", "  "])
        XCTAssertEqual(words("東京タワー and 🙂", .qwen2), ["東京タワー", " and", " 🙂"])
        XCTAssertEqual(words("", .qwen2), [])
    }
}
