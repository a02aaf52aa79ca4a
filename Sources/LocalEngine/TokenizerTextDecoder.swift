// Streaming needs text in whole characters, but a token may end inside a multi-byte UTF-8
// sequence (emoji and CJK are often split over two or three tokens).

/// Turns token bytes into text incrementally: yields the longest decodable prefix and holds back a
/// trailing incomplete UTF-8 sequence until the bytes that complete it arrive.
public struct TokenTextDecoder: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// Whether bytes of an unfinished character are held back.
    public var hasPendingBytes: Bool { !pending.isEmpty }

    /// Adds bytes and returns the text that is complete now (possibly empty).
    /// Bytes that can never become valid UTF-8 come out as U+FFFD rather than being held forever.
    public mutating func append<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        pending.append(contentsOf: bytes)
        let cut = Self.completePrefixLength(pending)
        guard cut > 0 else { return "" }
        let text = String(decoding: pending[..<cut], as: UTF8.self)
        pending.removeFirst(cut)
        return text
    }

    /// The held-back bytes, decoded as they are (an unfinished character becomes U+FFFD).
    public mutating func finish() -> String {
        defer { pending.removeAll() }
        return String(decoding: pending, as: UTF8.self)
    }

    /// How many leading bytes hold no unfinished sequence at their end.
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        let count = bytes.count
        // An unfinished sequence is a lead byte among the last three bytes, followed only by continuations.
        var index = count - 1
        while index >= 0 && index >= count - 3 {
            let byte = bytes[index]
            if byte & 0xC0 != 0x80 {  // a lead or ASCII byte
                let needed: Int
                switch byte {
                case 0xC2...0xDF: needed = 2
                case 0xE0...0xEF: needed = 3
                case 0xF0...0xF4: needed = 4
                default: needed = 1  // ASCII or a byte that never starts a valid sequence
                }
                return count - index < needed ? index : count
            }
            index -= 1
        }
        return count
    }
}
