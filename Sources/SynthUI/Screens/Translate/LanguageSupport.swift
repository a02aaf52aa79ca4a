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

extension LanguageSupport {
    /// ISO 639-2 codes Apertium mode names use, to the 2-letter codes of the language table.
    static let twoLetter: [String: String] = [
        "eng": "en", "spa": "es", "fra": "fr", "fre": "fr", "por": "pt", "cat": "ca", "ita": "it", "deu": "de",
        "ger": "de", "nld": "nl", "dut": "nl", "glg": "gl", "oci": "oc", "ron": "ro", "rum": "ro", "epo": "eo",
        "ast": "ast", "swe": "sv", "dan": "da", "nor": "no", "nob": "no", "rus": "ru", "ukr": "uk", "pol": "pl",
    ]

    /// Pairs written the way the local engine server lists them ("en-es", "eng-spa", "spa-eng_US"); anything
    /// that is not two language codes joined by "-" (debugging modes such as "en-eo-bytecode") is skipped.
    public init(pairNames: [String]) {
        func code(_ raw: Substring) -> String? {
            var c = raw.lowercased()
            if let cut = c.firstIndex(of: "_") { c = String(c[..<cut]) }
            guard (2...3).contains(c.count), c.allSatisfy({ $0 >= "a" && $0 <= "z" }) else { return nil }
            return c.count == 3 ? Self.twoLetter[c] ?? c : c
        }
        var pairs: Set<LanguagePair> = []
        for name in pairNames {
            let parts = name.split(separator: "-")
            guard parts.count == 2, let s = code(parts[0]), let t = code(parts[1]) else { continue }
            pairs.insert(LanguagePair(s, t))
        }
        self = .pairs(pairs)
    }
}
