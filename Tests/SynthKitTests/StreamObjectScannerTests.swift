import Foundation
@testable import SynthKit
@testable import SynthWire
import TestPeer
import XCTest

/// The scanner must give exactly what the JSONDecoder path (`WireJSON`) gives wherever it answers, and answer
/// nil (fall back) wherever it is unsure. Strings are compared by their UTF-8 bytes: Swift's `==` treats
/// canonically equivalent strings ("é" and "e\u{301}") as equal, which would hide a wrong decoding.
final class StreamObjectScannerTests: XCTestCase {
    // MARK: - Helpers

    func reference(_ bytes: [UInt8]) -> CompletionAnswer? {
        try? WireJSON.decode(CompletionAnswer.self, from: Data(bytes))
    }

    func scan(_ bytes: [UInt8]) -> CompletionAnswer? {
        StreamObjectScanner.completionAnswer(from: bytes)
    }

    func sameBytes(_ a: CompletionAnswer, _ b: CompletionAnswer) -> Bool {
        a == b && a.text.map { Array($0.utf8) } == b.text.map { Array($0.utf8) }
            && a.finishReason.map { Array($0.utf8) } == b.finishReason.map { Array($0.utf8) }
    }

    func describe(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).debugDescription + " " + bytes.map { String($0, radix: 16) }.joined(separator: " ")
    }

    /// The scanner reads `bytes` and agrees with JSONDecoder.
    func assertScans(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        guard let expected = reference(bytes) else {
            return XCTFail("JSONDecoder rejects \(describe(bytes))", file: file, line: line)
        }
        guard let scanned = scan(bytes) else {
            return XCTFail("scanner fell back on \(describe(bytes))", file: file, line: line)
        }
        XCTAssertTrue(sameBytes(scanned, expected), "\(describe(bytes)): scanner \(scanned) vs JSONDecoder \(expected)",
                      file: file, line: line)
    }

    func assertScans(_ json: String, file: StaticString = #filePath, line: UInt = #line) {
        assertScans(Array(json.utf8), file: file, line: line)
    }

    /// Wherever the scanner answers, JSONDecoder answers the same (the one property the fast path needs).
    func assertNeverDisagrees(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        guard let scanned = scan(bytes) else { return }
        guard let expected = reference(bytes) else {
            return XCTFail("scanner read \(describe(bytes)), JSONDecoder rejects it", file: file, line: line)
        }
        XCTAssertTrue(sameBytes(scanned, expected), "\(describe(bytes)): scanner \(scanned) vs JSONDecoder \(expected)",
                      file: file, line: line)
    }

    func assertFallsBack(_ json: String, file: StaticString = #filePath, line: UInt = #line) {
        assertFallsBack(Array(json.utf8), file: file, line: line)
    }

    func assertFallsBack(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertNil(scan(bytes), "should fall back: \(describe(bytes))", file: file, line: line)
    }

    // MARK: - Shapes the scanner reads

    func testStreamedShapes() {
        assertScans(#"{"text":" Hello","reached_end":false}"#)
        assertScans(#"{"text":"","reached_end":false}"#)
        assertScans(#"{"reached_end":false,"text":"order does not matter"}"#)
        assertScans(#"{"text":"x"}"#)
        assertScans(#"{"text":"!","reached_end":true,"input_tokens":12,"output_tokens":100000}"#)
        assertScans(#"{"text":"!","reached_end":true,"truncated_prompt":true,"input_tokens":0,"output_tokens":-0,"finish_reason":"length"}"#)
        assertScans(#"{"finish_reason":"stop","truncated_prompt":false,"text":"a","reached_end":true}"#)
        assertScans(#"{"text":"a","input_tokens":9223372036854775807,"output_tokens":-9223372036854775808}"#)
        XCTAssertEqual(scan(Array(#"{"text":"a","reached_end":true,"input_tokens":3,"output_tokens":5}"#.utf8)),
                       CompletionAnswer(text: ["a"], reachedEnd: true, inputTokens: 3, outputTokens: 5))
    }

    func testArraysForSeveralCompletions() {
        assertScans(#"{"text":["a","b"],"reached_end":false}"#)
        assertScans(#"{"text":[],"reached_end":false}"#)
        assertScans(#"{"text":["only"],"reached_end":true}"#)
        assertScans(#"{"text":[ "a" , "\n" , "🙂" ] , "reached_end" : true}"#)
        XCTAssertEqual(scan(Array(#"{"text":["a","x"],"reached_end":false}"#.utf8))?.text, ["a", "x"])
    }

    func testWhitespaceBetweenTokens() {
        assertScans(" \t\r\n{ \"text\" :\t\"a\" ,\r\n\"reached_end\"\n:\rfalse\t}\n \r")
        assertScans("{\"text\":[\n\"a\"\n,\n\"b\"\n],\"input_tokens\" : 7 }")
    }

    func testEveryEscape() {
        assertScans(#"{"text":"\"\\\/\b\f\n\r\t"}"#)
        assertScans(#"{"text":"tab\there \"quoted\" back\\slash a\/b"}"#)
        assertScans(#"{"text":"\u0000\u001f\u0020\u007f\u0080\u00e9\u00E9\u07ff\u0800\uffff\ufeff\uFFFD"}"#)
        assertScans(#"{"text":"\u4e2d\u6587 and \u0301 alone"}"#)
        assertScans(#"{"text":"\\u0041 is not an escape here"}"#)
        XCTAssertEqual(scan(Array(#"{"text":"a\nb\u00e9"}"#.utf8))?.firstText, "a\nbé")
        // Escapes first and last, and a long string (built in a heap buffer rather than inline).
        assertScans(#"{"text":"\\"}"#)
        assertScans(#"{"text":"\n"}"#)
        assertScans(#"{"text":"\"abc\""}"#)
        let long = String(repeating: #"line \"東京\" \u00e9\ud83d\ude42\t"#, count: 5000)
        assertScans(#"{"text":""# + long + #"","reached_end":false}"#)
    }

    func testSurrogatePairs() {
        assertScans(#"{"text":"\ud83d\ude00"}"#)
        assertScans(#"{"text":"\uD83D\uDE00\uD83D\uDE00x"}"#)
        assertScans(#"{"text":"\ud800\udc00 \udbff\udfff"}"#)
        XCTAssertEqual(scan(Array(#"{"text":"\ud83d\ude42"}"#.utf8))?.firstText.unicodeScalars.map(\.value), [0x1F642])
    }

    func testMultiByteText() {
        assertScans(#"{"text":"naïve café 東京 🙂 Straße привет 👩‍👩‍👧 🇫🇷"}"#)
        assertScans(#"{"text":"中文字符，日本語のテキスト、한국어"}"#)
        // Combining marks stay as sent: e + U+0301 is not turned into é.
        assertScans("{\"text\":\"e\u{301} a\u{308}\u{332} \u{1F44D}\u{1F3FD}\"}")
        XCTAssertEqual(scan(Array("{\"text\":\"e\u{301}\"}".utf8))?.firstText.unicodeScalars.map(\.value), [0x65, 0x301])
        assertScans("{\"text\":\"del \u{7F} is not a control\"}")
    }

    func testInvalidUTF8ReadsAsReplacementCharactersLikeWireJSON() {
        let cases: [[UInt8]] = [[0xFF], [0xC0, 0x80], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x99],
                                [0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82, 0xE2, 0x82, 0xAC], [0xC3]]
        for invalid in cases {
            assertScans(Array(#"{"text":"a"#.utf8) + invalid + Array(#"b","reached_end":false}"#.utf8))
            // Next to escapes, at either end of the string, in arrays and in finish_reason.
            assertScans(Array(#"{"text":"\n"#.utf8) + invalid + Array(#"\u00e9"#.utf8) + invalid + Array(#"\ud83d\ude00"}"#.utf8))
            assertScans(Array(#"{"text":[""#.utf8) + invalid + Array(#"",""#.utf8) + invalid + Array(#""]}"#.utf8))
            assertScans(Array(#"{"text":"x","finish_reason":""#.utf8) + invalid + Array(#"\t"}"#.utf8))
        }
        XCTAssertEqual(scan(Array(#"{"text":" b"#.utf8) + [0xFF] + Array(#"ad"}"#.utf8))?.firstText, " b\u{FFFD}ad")
    }

    // MARK: - Shapes that fall back

    func testUnusualObjectsFallBack() {
        assertFallsBack(#"{"error":"engine crashed","status":500}"#)
        assertFallsBack(#"{"text":"a","reached_end":false,"extra":1}"#)  // unknown key: JSONDecoder ignores it
        assertFallsBack(#"{"text":"a","logprobs":{"x":1}}"#)
        assertFallsBack(#"{"text":"a","text":"b"}"#)  // duplicate key
        assertFallsBack(#"{"text":"a","reached_end":false,"reached_end":true}"#)
        assertFallsBack(#"{"te\u0078t":"a"}"#)  // a key spelled with an escape
        assertFallsBack(#"{"text":null}"#)
        assertFallsBack(#"{"text":"a","finish_reason":null}"#)
        assertFallsBack(#"{"text":"a","input_tokens":null}"#)
        assertFallsBack(#"{"text":["a",null]}"#)
        assertFallsBack(#"{"text":"a","input_tokens":5.0}"#)
        assertFallsBack(#"{"text":"a","input_tokens":1e2}"#)
        assertFallsBack(#"{"text":"a","input_tokens":1E2}"#)
        assertFallsBack(#"{"text":"a","input_tokens":01}"#)
        assertFallsBack(#"{"text":"a","input_tokens":9223372036854775808}"#)
        assertFallsBack(#"{"text":"a","input_tokens":-9223372036854775809}"#)
        assertFallsBack(#"{"text":"a","input_tokens":+1}"#)
        assertFallsBack(#"{"text":"a","input_tokens":"5"}"#)
        assertFallsBack(#"{"text":"a","reached_end":1}"#)
        assertFallsBack(#"{"text":"a","reached_end":True}"#)
        assertFallsBack(#"{"text":"a","reached_end":truex}"#)
        assertFallsBack(#"{"text":"a",}"#)  // JSONDecoder tolerates trailing commas; the scanner leaves it to it
        assertFallsBack(#"{"text":["a",]}"#)
        assertFallsBack(Array([0xEF, 0xBB, 0xBF]) + Array(#"{"text":"a"}"#.utf8))  // byte-order mark
        assertFallsBack([0x0C] + Array(#"{"text":"a"}"#.utf8))  // form feed is not JSON whitespace
    }

    func testMalformedObjectsFallBack() {
        assertFallsBack(#"{"text":"\ud800"}"#)  // lone surrogates: JSONDecoder rejects them
        assertFallsBack(#"{"text":"\udc00"}"#)
        assertFallsBack(#"{"text":"\ud800x"}"#)
        assertFallsBack(#"{"text":"\ud800\u0041"}"#)
        assertFallsBack(#"{"text":"\ud800\ud800\udc00"}"#)
        assertFallsBack(#"{"text":"\x"}"#)
        assertFallsBack(#"{"text":"\u12"}"#)
        assertFallsBack(#"{"text":"\u12g4"}"#)
        assertFallsBack("{\"text\":\"raw\ttab\"}")
        assertFallsBack("{\"text\":\"raw\nline\"}")
        assertFallsBack(#"{"reached_end":false}"#)  // text is required
        assertFallsBack("{}")
        assertFallsBack(#"{"text":5}"#)
        assertFallsBack(#"{"text":"a"}x"#)
        assertFallsBack(#"{"text":"a"}{"text":"b"}"#)
        assertFallsBack(#"{"text":"a""#)
        assertFallsBack(#"{"text":"a"#)
        assertFallsBack(#"{"text" "a"}"#)
        assertFallsBack(#"["text"]"#)
        assertFallsBack("<html>oops</html>")
        assertFallsBack("")
        assertFallsBack("   ")
        for json in [#"{"text":"\ud800"}"#, #"{"text":"a",}"#, #"{"error":"x"}"#, #"{"text":"a","input_tokens":5.0}"#] {
            assertNeverDisagrees(Array(json.utf8))
        }
    }

    // MARK: - Through StreamDecoder

    func testStreamDecoderGivesTheSameAnswersThroughBothPaths() throws {
        // One object the scanner reads, one it leaves to JSONDecoder (unknown key, integer written as 5.0).
        let body = Array(#"{"text":"fast ","reached_end":false}"#.utf8) + [10, 10]
            + Array(#"{"text":"slow","reached_end":true,"output_tokens":5.0,"id":"x"}"#.utf8) + [10, 10]
        var decoder = StreamDecoder()
        let answers = try decoder.feed(body)
        XCTAssertEqual(answers, [CompletionAnswer(text: ["fast "], reachedEnd: false),
                                 CompletionAnswer(text: ["slow"], reachedEnd: true, outputTokens: 5)])
        XCTAssertEqual(decoder.receivedText, ["fast slow"])
    }

    func testErrorObjectStillEndsTheStream() throws {
        var decoder = StreamDecoder()
        _ = try decoder.feed(Array(#"{"text":"so far","reached_end":false}"#.utf8) + [10, 10])
        XCTAssertThrowsError(try decoder.feed(Array(#"{"error":"engine crashed","status":500}"#.utf8) + [10, 10])) { error in
            XCTAssertEqual(error as? APIError, .streamEndedEarly(partialText: ["so far"], reason: "engine crashed"))
        }
    }

    // MARK: - Seeded random objects

    /// Several thousand generated objects of the shapes the scanner reads: it must read each one, exactly as
    /// JSONDecoder does.
    func testRandomObjectsAgreeWithJSONDecoder() {
        var generator = ObjectGenerator(seed: 0x5CA7_7E55)
        for _ in 0..<4000 {
            let object = generator.object()
            assertScans(object)
            if testRun?.failureCount ?? 0 > 10 { return }
        }
    }

    /// The same objects with one byte changed, dropped or inserted: mostly malformed. The scanner may fall back
    /// on any of them, but where it answers it must answer what JSONDecoder answers.
    func testRandomlyDamagedObjectsNeverDisagree() {
        var generator = ObjectGenerator(seed: 0xDA_3A6E)
        let interesting: [UInt8] = Array(#"{}[]",:\/u0123456789abcdefABCDEF-+.eEtrufalsn "#.utf8) + [0x00, 0x09, 0x0A, 0x0C, 0x0D, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xED, 0xF0, 0xFF]
        var scannedCount = 0
        for _ in 0..<4000 {
            var object = generator.object()
            let position = generator.random.below(object.count)
            let byte = interesting[generator.random.below(interesting.count)]
            switch generator.random.below(3) {
            case 0: object[position] = byte
            case 1: object.remove(at: position)
            default: object.insert(byte, at: position)
            }
            if scan(object) != nil { scannedCount += 1 }
            assertNeverDisagrees(object)
            if testRun?.failureCount ?? 0 > 10 { return }
        }
        // Many damaged objects are still valid (a changed letter inside a string): the check was not vacuous.
        XCTAssertGreaterThan(scannedCount, 400)
    }
}

/// Generates completion objects in every shape the scanner reads: any subset of the keys in any order, random
/// whitespace, strings built from escapes, multi-byte text, combining marks and bytes that are not UTF-8.
struct ObjectGenerator {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    static let fragments: [[UInt8]] = [
        "a", " the", "Hello", "0", "{", "}", "[", "]", ":", ",", "'", "naïve", "café", "東京", "中文", "🙂", "👩‍👩‍👧",
        "🇫🇷", "e\u{301}", "a\u{308}\u{332}", "\u{7F}", "\u{FEFF}", "\u{FFFD}", "Straße", "привет", "ﷺ", "𝔘",
        #"\""#, #"\\"#, #"\/"#, #"\b"#, #"\f"#, #"\n"#, #"\r"#, #"\t"#, #"\u0000"#, #"\u001F"#, #"\u00e9"#, #"\u00C9"#,
        #"\u0301"#, #"\u4E2D"#, #"\uffff"#, #"\ud83d\ude00"#, #"\uD83D\uDE42"#, #"\udbff\udfff"#, #"\u0022"#, #"\u005c"#,
    ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0x80, 0x80], [0xF0, 0x9F, 0x99], [0xC0, 0xAF]]

    mutating func whitespace() -> [UInt8] {
        guard random.chance(20) else { return [] }
        let spaces: [UInt8] = [0x20, 0x09, 0x0A, 0x0D]
        return (0..<(1 + random.below(3))).map { _ in spaces[random.below(spaces.count)] }
    }

    mutating func string() -> [UInt8] {
        var bytes: [UInt8] = [0x22]
        for _ in 0..<random.below(8) {
            if random.chance(10) {
                // Any \u escape that is not a surrogate, to reach every UTF-8 length.
                var unit = random.below(0x10000)
                if (0xD800..<0xE000).contains(unit) { unit = 0x41 }
                bytes += Array(String(format: #"\u%04x"#, unit).utf8)
            } else {
                bytes += Self.fragments[random.below(Self.fragments.count)]
            }
        }
        return bytes + [0x22]
    }

    mutating func integer() -> [UInt8] {
        let picks: [Int] = [0, 1, 7, 12, 100_000, Int.max, Int.min, -1, -42]
        let value = random.chance(50) ? picks[random.below(picks.count)] : Int(truncatingIfNeeded: random.next()) >> random.below(64)
        return Array(String(value).utf8)
    }

    mutating func object() -> [UInt8] {
        var members: [[UInt8]] = []
        func member(_ key: String, _ value: [UInt8], _ generator: inout ObjectGenerator) -> [UInt8] {
            generator.whitespace() + Array("\"\(key)\"".utf8) + generator.whitespace() + [0x3A] + generator.whitespace()
                + value + generator.whitespace()
        }
        var text: [UInt8]
        if random.chance(75) {
            text = string()
        } else {
            text = [0x5B] + whitespace()
            let count = random.below(4)
            for index in 0..<count {
                text += (index > 0 ? [0x2C] : []) + whitespace() + string() + whitespace()
            }
            text += [0x5D]
        }
        members.append(member("text", text, &self))
        if random.chance(80) { members.append(member("reached_end", Array((random.chance(50) ? "true" : "false").utf8), &self)) }
        if random.chance(30) { members.append(member("truncated_prompt", Array((random.chance(50) ? "true" : "false").utf8), &self)) }
        if random.chance(30) { members.append(member("input_tokens", integer(), &self)) }
        if random.chance(30) { members.append(member("output_tokens", integer(), &self)) }
        if random.chance(30) { members.append(member("finish_reason", string(), &self)) }
        for index in members.indices.reversed() {
            members.swapAt(index, random.below(index + 1))
        }
        var object = whitespace() + [0x7B]
        for (index, part) in members.enumerated() {
            if index > 0 { object.append(0x2C) }
            object += part
        }
        return object + [0x7D] + whitespace()
    }
}
