// Which languages the current backend can translate: all of them (M2M100), some codes, or some directed pairs
// (the local engine's Apertium pairs, e.g. en→es).

public struct LanguagePair: Sendable, Hashable, Codable {
    public var source: String
    public var target: String
    public init(_ source: String, _ target: String) {
        self.source = source
        self.target = target
    }
}

public enum LanguageSupport: Sendable, Equatable {
    case all
    /// Any direction between these codes.
    case codes(Set<String>)
    /// Only these directions.
    case pairs(Set<LanguagePair>)

    /// Whether `code` can be a source when translating into `target` (any target when nil or unknown).
    public func canTranslate(from code: String, to target: String?) -> Bool {
        switch self {
        case .all: return true
        case .codes(let codes):
            if code == Languages.autoDetect.code { return target.map { codes.contains($0) } ?? true }
            return codes.contains(code) && (target.map { codes.contains($0) } ?? true)
        case .pairs(let pairs):
            if code == Languages.autoDetect.code {
                return target.map { t in pairs.contains { $0.target == t } } ?? true
            }
            if let target { return pairs.contains(LanguagePair(code, target)) }
            return pairs.contains { $0.source == code }
        }
    }

    /// Whether `code` can be a target when translating from `source` ("auto" or nil: from anything supported).
    public func canTranslate(to code: String, from source: String?) -> Bool {
        switch self {
        case .all: return true
        case .codes(let codes):
            guard codes.contains(code) else { return false }
            guard let source, source != Languages.autoDetect.code else { return true }
            return codes.contains(source)
        case .pairs(let pairs):
            guard let source, source != Languages.autoDetect.code else { return pairs.contains { $0.target == code } }
            return pairs.contains(LanguagePair(source, code))
        }
    }
}
