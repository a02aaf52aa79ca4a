import Foundation

/// An API key that does not leak: interpolation, `print`, `dump` and `debugPrint` show at most its
/// last 4 characters ("••••f3a9"). Only `reveal()` gives the key, for the Authorization header.
/// On the wire (Codable) it is the plain string: the Booste protocol carries the key in the body.
public struct APIKey: Sendable, Hashable, Codable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable {
    private let value: String

    public init(_ value: String) { self.value = value }

    /// Trims whitespace and newlines (key files end with one); nil when nothing is left.
    public init?(trimming raw: String) {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        value = trimmed
    }

    /// The key itself. Call only where it must go on the wire.
    public func reveal() -> String { value }

    public var isEmpty: Bool { value.isEmpty }

    public var description: String { mask(value) }
    public var debugDescription: String { "APIKey(\(mask(value)))" }
    public var customMirror: Mirror { Mirror(self, children: ["masked": mask(value)], displayStyle: .struct) }

    public init(from decoder: Decoder) throws {
        value = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

/// Masks a secret for display (--verbose logs, error messages): bullets plus at most the last 4 characters,
/// and fewer for short secrets so that at least half stays hidden.
public func mask(_ secret: String) -> String {
    let shown = min(4, secret.count / 2)
    return "••••" + secret.suffix(shown)
}

/// Replaces every occurrence of `secret` in `text` by its mask (for headers and bodies echoed in verbose output).
public func redact(_ text: String, hiding secret: APIKey?) -> String {
    guard let secret, !secret.isEmpty else { return text }
    return text.replacingOccurrences(of: secret.reveal(), with: mask(secret.reveal()))
}
