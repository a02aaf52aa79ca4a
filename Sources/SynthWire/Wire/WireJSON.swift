import Foundation

/// A coding key named by its wire string: lets several types write into one flat JSON object
/// (a completion request is `prompt` plus the sampling parameters, side by side).
public struct WireKey: CodingKey, Hashable, Sendable, ExpressibleByStringLiteral {
    public let stringValue: String
    public var intValue: Int? { nil }
    public init(_ name: String) { stringValue = name }
    public init(stringLiteral value: String) { stringValue = value }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { return nil }
}

/// The JSON coders used for every wire body: sorted keys so bodies are deterministic (tests, logs).
public enum WireJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// Decodes a body; bytes that are not UTF-8 are read as U+FFFD instead of losing the whole answer
    /// (a server may cut a character in half). The repair runs only when plain decoding fails.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch {
            guard String(validating: data, as: UTF8.self) == nil else { throw error }
            return try JSONDecoder().decode(type, from: Data(String(decoding: data, as: UTF8.self).utf8))
        }
    }
}

extension KeyedDecodingContainer where Key == WireKey {
    func value<T: Decodable>(_ name: String, default fallback: T) throws -> T {
        try decodeIfPresent(T.self, forKey: WireKey(name)) ?? fallback
    }

    /// An integer field. Read as a number first, so that `100.5` is "not a whole number" at `name` (Foundation
    /// would report it as unreadable JSON with no field), and `100.0` is simply 100.
    func wholeNumber(_ name: String, default fallback: Int) throws -> Int {
        guard let number = try decodeIfPresent(Double.self, forKey: WireKey(name)) else { return fallback }
        guard number == number.rounded(), let whole = Int(exactly: number) else {
            throw DecodingError.typeMismatch(Int.self, DecodingError.Context(
                codingPath: codingPath + [WireKey(name)], debugDescription: "\(name) must be a whole number"))
        }
        return whole
    }

    func required<T: Decodable>(_ name: String) throws -> T {
        try decode(T.self, forKey: WireKey(name))
    }

    /// A field the wire allows as either one string or an array of strings (`stop`, completion `text`).
    func stringOrArray(_ name: String) throws -> [String]? {
        let key = WireKey(name)
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let one = try? decode(String.self, forKey: key) { return [one] }
        return try decode([String].self, forKey: key)
    }
}

extension KeyedEncodingContainer where Key == WireKey {
    mutating func put<T: Encodable>(_ name: String, _ value: T) throws {
        try encode(value, forKey: WireKey(name))
    }

    mutating func putIfPresent<T: Encodable>(_ name: String, _ value: T?) throws {
        if let value { try encode(value, forKey: WireKey(name)) }
    }
}
