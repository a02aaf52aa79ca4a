import Foundation

/// Reads a streamed completion object straight from its bytes, without Foundation's JSONDecoder (~3.5 µs per
/// 80-byte object: on a long stream, more than curl takes to read all of it). It understands only the shapes TextSynth
/// sends: one flat object whose keys are CompletionAnswer's, each at most once, with string, string-array,
/// bool and plain-integer values. For anything else it returns nil and the caller decodes the object with
/// `WireJSON` as before, so answers never differ, only the speed.
///
/// Matches `WireJSON.decode(CompletionAnswer.self, …)` exactly where it answers:
/// - escapes `\" \\ \/ \b \f \n \r \t \uXXXX` (surrogate pairs joined; a lone surrogate is an error there, nil here);
/// - bytes inside strings that are not UTF-8 read as U+FFFD the way `String(decoding:as:)` repairs them, which is
///   what WireJSON's repair does to the whole body. Repairing each string after unescaping is the same: an escape
///   is ASCII on the wire and a whole character once decoded, so it never joins a broken sequence either way;
/// - raw control bytes (< 0x20) in strings, keys spelled with escapes, `null`, numbers with a fraction or an
///   exponent, unknown keys (`{"error": …}` among them), trailing commas and a byte-order mark → nil.
public enum StreamObjectScanner {
    public static func completionAnswer(from bytes: UnsafeBufferPointer<UInt8>) -> CompletionAnswer? {
        var reader = ObjectReader(bytes: bytes)
        return reader.readAnswer()
    }

    /// The same, for bytes held in an array (tests, tools).
    public static func completionAnswer(from bytes: [UInt8]) -> CompletionAnswer? {
        bytes.withUnsafeBufferPointer { completionAnswer(from: $0) }
    }
}

/// A cursor over one object's bytes. Every `read…` either consumes a whole value and returns it, or returns nil,
/// after which the reader is abandoned (no backtracking).
private struct ObjectReader {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private enum Key { case text, reachedEnd, truncatedPrompt, inputTokens, outputTokens, finishReason }

    mutating func readAnswer() -> CompletionAnswer? {
        skipWhitespace()
        guard take(ASCII.openBrace) else { return nil }
        var text: [String]?
        var reachedEnd: Bool?
        var truncatedPrompt: Bool?
        var inputTokens: Int?
        var outputTokens: Int?
        var finishReason: String?
        while true {
            skipWhitespace()
            guard let key = readKey() else { return nil }
            skipWhitespace()
            guard take(ASCII.colon) else { return nil }
            skipWhitespace()
            // A repeated key falls back: JSONDecoder's choice between the two is not ours to copy.
            switch key {
            case .text:
                guard text == nil, let value = readStringOrArray() else { return nil }
                text = value
            case .reachedEnd:
                guard reachedEnd == nil, let value = readBool() else { return nil }
                reachedEnd = value
            case .truncatedPrompt:
                guard truncatedPrompt == nil, let value = readBool() else { return nil }
                truncatedPrompt = value
            case .inputTokens:
                guard inputTokens == nil, let value = readInteger() else { return nil }
                inputTokens = value
            case .outputTokens:
                guard outputTokens == nil, let value = readInteger() else { return nil }
                outputTokens = value
            case .finishReason:
                guard finishReason == nil, let value = readString() else { return nil }
                finishReason = value
            }
            skipWhitespace()
            if take(ASCII.comma) { continue }
            guard take(ASCII.closeBrace) else { return nil }
            break
        }
        skipWhitespace()
        guard at == bytes.count, let text else { return nil }
        return CompletionAnswer(text: text, reachedEnd: reachedEnd ?? false, truncatedPrompt: truncatedPrompt ?? false,
                                inputTokens: inputTokens, outputTokens: outputTokens, finishReason: finishReason)
    }

    // MARK: - Structure

    private mutating func skipWhitespace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x0A, 0x0D, 0x09: at += 1
            default: return
            }
        }
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard at < bytes.count, bytes[at] == byte else { return false }
        at += 1
        return true
    }

    /// A key spelled plainly (no escapes) that CompletionAnswer knows; anything else is nil.
    private mutating func readKey() -> Key? {
        guard take(ASCII.quote) else { return nil }
        let start = at
        while at < bytes.count, bytes[at] != ASCII.quote, bytes[at] != ASCII.backslash { at += 1 }
        guard at < bytes.count, bytes[at] == ASCII.quote else { return nil }
        let name = UnsafeBufferPointer(rebasing: bytes[start..<at])
        at += 1
        switch name.count {
        case 4: return Self.matches(name, "text") ? .text : nil
        case 11: return Self.matches(name, "reached_end") ? .reachedEnd : nil
        case 12: return Self.matches(name, "input_tokens") ? .inputTokens : nil
        case 13:
            if Self.matches(name, "output_tokens") { return .outputTokens }
            return Self.matches(name, "finish_reason") ? .finishReason : nil
        case 16: return Self.matches(name, "truncated_prompt") ? .truncatedPrompt : nil
        default: return nil
        }
    }

    private static func matches(_ name: UnsafeBufferPointer<UInt8>, _ key: StaticString) -> Bool {
        guard name.count == key.utf8CodeUnitCount, let base = name.baseAddress else { return false }
        return memcmp(base, key.utf8Start, name.count) == 0
    }

    // MARK: - Values

    private mutating func readStringOrArray() -> [String]? {
        if at < bytes.count, bytes[at] == ASCII.quote {
            guard let one = readString() else { return nil }
            return [one]
        }
        guard take(ASCII.openBracket) else { return nil }
        var strings: [String] = []
        skipWhitespace()
        if take(ASCII.closeBracket) { return strings }
        while true {
            skipWhitespace()
            guard let string = readString() else { return nil }
            strings.append(string)
            skipWhitespace()
            if take(ASCII.comma) { continue }
            return take(ASCII.closeBracket) ? strings : nil
        }
    }

    private mutating func readBool() -> Bool? {
        if takeWord("true") { return true }
        if takeWord("false") { return false }
        return nil
    }

    private mutating func takeWord(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - at >= count, let base = bytes.baseAddress,
              memcmp(base + at, word.utf8Start, count) == 0 else { return false }
        at += count
        return true
    }

    /// `-?(0|[1-9][0-9]*)` that fits an Int. A fraction or exponent (`5.0`, `1e2`) is nil: JSONDecoder accepts
    /// some of those as integers, and the fallback keeps its exact rules.
    private mutating func readInteger() -> Int? {
        let negative = take(ASCII.minus)
        guard at < bytes.count, ASCII.isDigit(bytes[at]) else { return nil }
        var value = 0
        if bytes[at] == ASCII.zero {
            at += 1
            if at < bytes.count, ASCII.isDigit(bytes[at]) { return nil }  // a leading zero is not JSON
        }
        while at < bytes.count, ASCII.isDigit(bytes[at]) {
            // Accumulated with the sign, so that Int.min fits.
            let digit = Int(bytes[at] &- ASCII.zero)
            let (times10, overflowed) = value.multipliedReportingOverflow(by: 10)
            let (next, overflowedAgain) = negative ? times10.subtractingReportingOverflow(digit)
                                                   : times10.addingReportingOverflow(digit)
            guard !overflowed, !overflowedAgain else { return nil }
            value = next
            at += 1
        }
        if at < bytes.count, bytes[at] == ASCII.dot || bytes[at] == ASCII.lowerE || bytes[at] == ASCII.upperE { return nil }
        return value
    }

    /// A JSON string at `at` (which must be its opening quote).
    private mutating func readString() -> String? {
        guard take(ASCII.quote) else { return nil }
        let start = at
        // The common case: no escapes, the bytes are the string (repaired like WireJSON if not UTF-8).
        while at < bytes.count {
            let byte = bytes[at]
            if byte == ASCII.quote {
                let string = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                at += 1
                return string
            }
            if byte == ASCII.backslash { return readEscapedString(from: start) }
            if byte < 0x20 { return nil }
            at += 1
        }
        return nil
    }

    /// A string with escapes; `at` is on its first backslash. The end is found first, so the string is built
    /// once, in place: unescaping only shrinks (`\n` 2 → 1 byte, `\uXXXX` 6 → at most 3, a pair 12 → 4).
    private mutating func readEscapedString(from start: Int) -> String? {
        var end = at
        while end < bytes.count {
            let byte = bytes[end]
            if byte == ASCII.quote { break }
            if byte < 0x20 { return nil }
            end += byte == ASCII.backslash ? 2 : 1
        }
        guard end < bytes.count else { return nil }
        let bytes = self.bytes
        var malformed = false
        // Repairs bytes that are not UTF-8 exactly as String(decoding:as:) does.
        let string = String(unsafeUninitializedCapacity: end - start) { output in
            guard let written = Self.unescape(bytes, from: start, to: end, into: output) else {
                malformed = true
                return 0
            }
            return written
        }
        guard !malformed else { return nil }
        at = end + 1
        return string
    }

    /// Writes `bytes[start..<end]` unescaped into `output`; nil for an unknown escape or a lone surrogate.
    private static func unescape(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int,
                                 into output: UnsafeMutableBufferPointer<UInt8>) -> Int? {
        var read = start
        var written = 0
        while read < end {
            let byte = bytes[read]
            guard byte == ASCII.backslash else {
                output[written] = byte
                written += 1
                read += 1
                continue
            }
            let escape = bytes[read + 1]
            read += 2
            let plain: UInt8
            switch escape {
            case ASCII.quote, ASCII.backslash, ASCII.slash: plain = escape
            case UInt8(ascii: "b"): plain = 0x08
            case UInt8(ascii: "f"): plain = 0x0C
            case UInt8(ascii: "n"): plain = 0x0A
            case UInt8(ascii: "r"): plain = 0x0D
            case UInt8(ascii: "t"): plain = 0x09
            case UInt8(ascii: "u"):
                guard let scalar = escapedScalar(bytes, at: &read, end: end) else { return nil }
                written += encodeUTF8(scalar, into: output, at: written)
                continue
            default: return nil
            }
            output[written] = plain
            written += 1
        }
        return written
    }

    /// The scalar of a `\uXXXX` whose hex digits start at `read`, joining a surrogate pair; a lone surrogate
    /// is nil, as JSONDecoder rejects it.
    private static func escapedScalar(_ bytes: UnsafeBufferPointer<UInt8>, at read: inout Int, end: Int) -> Unicode.Scalar? {
        guard let unit = hex4(bytes, at: read, end: end) else { return nil }
        read += 4
        switch unit {
        case 0xD800...0xDBFF:
            guard read + 6 <= end, bytes[read] == ASCII.backslash, bytes[read + 1] == UInt8(ascii: "u"),
                  let low = hex4(bytes, at: read + 2, end: end), (0xDC00...0xDFFF).contains(low) else { return nil }
            read += 6
            return Unicode.Scalar(0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00))
        case 0xDC00...0xDFFF:
            return nil
        default:
            return Unicode.Scalar(unit)
        }
    }

    private static func hex4(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, end: Int) -> UInt16? {
        guard end - start >= 4 else { return nil }
        var value: UInt16 = 0
        for index in start..<(start + 4) {
            let byte = bytes[index]
            let digit: UInt8
            switch byte {
            case ASCII.zero...UInt8(ascii: "9"): digit = byte - ASCII.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }

    /// Writes the scalar's UTF-8 at `offset`; returns how many bytes.
    private static func encodeUTF8(_ scalar: Unicode.Scalar, into output: UnsafeMutableBufferPointer<UInt8>,
                                   at offset: Int) -> Int {
        let value = scalar.value
        switch value {
        case ..<0x80:
            output[offset] = UInt8(value)
            return 1
        case ..<0x800:
            output[offset] = 0xC0 | UInt8(value >> 6)
            output[offset + 1] = 0x80 | UInt8(value & 0x3F)
            return 2
        case ..<0x10000:
            output[offset] = 0xE0 | UInt8(value >> 12)
            output[offset + 1] = 0x80 | UInt8(value >> 6 & 0x3F)
            output[offset + 2] = 0x80 | UInt8(value & 0x3F)
            return 3
        default:
            output[offset] = 0xF0 | UInt8(value >> 18)
            output[offset + 1] = 0x80 | UInt8(value >> 12 & 0x3F)
            output[offset + 2] = 0x80 | UInt8(value >> 6 & 0x3F)
            output[offset + 3] = 0x80 | UInt8(value & 0x3F)
            return 4
        }
    }
}

private enum ASCII {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let colon = UInt8(ascii: ":")
    static let comma = UInt8(ascii: ",")
    static let minus = UInt8(ascii: "-")
    static let dot = UInt8(ascii: ".")
    static let lowerE = UInt8(ascii: "e")
    static let upperE = UInt8(ascii: "E")
    static let zero = UInt8(ascii: "0")

    static func isDigit(_ byte: UInt8) -> Bool { byte &- zero < 10 }
}
