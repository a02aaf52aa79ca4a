// Choosing a language by typing part of its name or code: prefix matches first, then matches inside the name.
import Foundation
import SynthKit

public struct LanguagePicker: Sendable, Equatable {
    public enum Side: Sendable, Equatable {
        case source
        case target
    }

    public var side: Side
    public var query: String = ""
    /// Index into `matches` of the highlighted language.
    public var highlighted: Int = 0
    /// Whether "auto" is offered (the source side only).
    public let offersAuto: Bool
    /// What it chooses among: the translation engine's languages (`LanguageSupport.offered`).
    public let languages: [Language]

    public init(side: Side, query: String = "", languages: [Language] = Languages.m2m100) {
        self.side = side
        self.query = query
        self.offersAuto = side == .source
        self.languages = languages
    }

    /// The languages matching the query: exact code first, then codes and names starting with it, then names or
    /// codes containing it; each group keeps the table's order. An empty query lists everything.
    public var matches: [Language] { Self.search(query, includeAuto: offersAuto, in: languages) }

    public static func search(_ query: String, includeAuto: Bool = false,
                              in languages: [Language] = Languages.m2m100) -> [Language] {
        let all = (includeAuto ? [Languages.autoDetect] : []) + languages
        let q = query.trimmingCharacters(in: .whitespaces).lowercased()
        guard !q.isEmpty else { return all }
        var exact: [Language] = [], prefix: [Language] = [], inside: [Language] = []
        for language in all {
            let code = language.code.lowercased()
            let name = language.name.lowercased()
            if code == q {
                exact.append(language)
            } else if code.hasPrefix(q) || name.hasPrefix(q) {
                prefix.append(language)
            } else if name.contains(q) || code.contains(q) {
                inside.append(language)
            }
        }
        return exact + prefix + inside
    }

    public var selection: Language? {
        let m = matches
        return m.indices.contains(highlighted) ? m[highlighted] : nil
    }

    mutating func type(_ c: Character) {
        query.append(c)
        highlighted = 0
    }

    mutating func deleteBackward() {
        if !query.isEmpty { query.removeLast() }
        highlighted = 0
    }

    mutating func move(by delta: Int) {
        let count = matches.count
        guard count > 0 else { return }
        highlighted = min(max(0, highlighted + delta), count - 1)
    }
}
