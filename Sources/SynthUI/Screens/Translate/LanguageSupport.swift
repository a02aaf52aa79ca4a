// Which languages the current translation engine can translate: any code (an engine we know nothing of), its
// documented languages (MADLAD-400's, M2M100's), or some directed pairs (the local engine's Apertium pairs).

import SynthKit

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
    /// What engine `id` is documented to translate (MADLAD-400's or M2M100's languages, any direction between
    /// them); `.all` for an engine we do not know, whose server decides (Apertium's pairs come from its listing).
    public init(engine id: String) {
        self = Languages.of(engine: id).map { .codes(Set($0.map(\.code))) } ?? .all
    }

    /// The languages the picker offers: the engine's own, by name (codes we have no name for go last, by code);
    /// M2M100's table when any code may work.
    public var offered: [Language] {
        let codes: Set<String>
        switch self {
        case .all: return Languages.m2m100
        case .codes(let set): codes = set
        case .pairs(let pairs): codes = Set(pairs.flatMap { [$0.source, $0.target] })
        }
        return Languages.languages(codes: Array(codes)).sorted { a, b in
            let (aNamed, bNamed) = (a.name != a.code, b.name != b.code)
            return aNamed != bNamed ? aNamed : (a.name.lowercased(), a.code) < (b.name.lowercased(), b.code)
        }
    }

    /// Pairs written the way the local engine server lists them ("en-es", "eng-spa", "spa-eng_US"); anything
    /// that is not two language codes joined by "-" (debugging modes such as "en-eo-bytecode") is skipped.
    public init(pairNames: [String]) {
        var pairs: Set<LanguagePair> = []
        for name in pairNames {
            let parts = name.split(separator: "-").map(String.init)
            guard parts.count == 2, let s = LanguageCode.normalised(parts[0]), let t = LanguageCode.normalised(parts[1])
            else { continue }
            pairs.insert(LanguagePair(s, t))
        }
        self = .pairs(pairs)
    }
}
