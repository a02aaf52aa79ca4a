// The language pairs installed Apertium modes cover, and routes through them (pivoting when no direct mode exists).

/// One installed Apertium mode that translates `source` into `target` (2-letter codes).
public struct ApertiumMode: Sendable, Hashable {
    public let name: String
    public let source: String
    public let target: String
}

/// A directed graph of languages whose edges are Apertium modes.
public struct TranslationGraph: Sendable {
    public let modes: [ApertiumMode]

    /// Builds the graph from the text `apertium -l` prints, one mode name per line.
    /// Keeps plain LANG-LANG modes; a regional variant (spa-eng_US) is used only when no plain mode covers its pair;
    /// multi-part debugging modes (en-eo-bytecode, eco-es-fr) are skipped.
    public init(apertiumListing: String) {
        var plain: [String: ApertiumMode] = [:]
        var variants: [String: ApertiumMode] = [:]
        for line in apertiumListing.split(whereSeparator: \.isNewline) {
            let name = line.trimmingCharacters(in: .whitespaces)
            let parts = name.split(separator: "-").map(String.init)
            guard parts.count == 2,
                  let source = LanguageCode.normalised(parts[0]), LanguageCode.isKnown(source),
                  let target = LanguageCode.normalised(parts[1]), LanguageCode.isKnown(target),
                  source != target
            else { continue }
            let mode = ApertiumMode(name: name, source: source, target: target)
            let key = source + ">" + target
            if parts[0].contains("_") || parts[1].contains("_") {
                if variants[key] == nil { variants[key] = mode }
            } else if plain[key] == nil {
                plain[key] = mode
            }
        }
        for (key, mode) in variants where plain[key] == nil { plain[key] = mode }
        self.modes = plain.values.sorted { ($0.source, $0.target) < ($1.source, $1.target) }
    }

    public init(modes: [ApertiumMode]) { self.modes = modes }

    /// Languages that can be translated from (directly or by pivot).
    public var sourceLanguages: [String] { Array(Set(modes.map(\.source))).sorted() }

    /// Every (source, target) pair reachable through one or more modes, as "en-fr" strings, sorted.
    public var reachablePairs: [String] {
        var pairs: [String] = []
        for source in sourceLanguages {
            for target in reachableTargets(from: source) { pairs.append(source + "-" + target) }
        }
        return pairs
    }

    /// Pairs one mode translates directly, as "en-es" strings, sorted.
    public var directPairs: [String] { modes.map { $0.source + "-" + $0.target } }

    func reachableTargets(from source: String) -> [String] {
        var seen: Set<String> = [source]
        var frontier = [source]
        while !frontier.isEmpty {
            var next: [String] = []
            for language in frontier {
                for mode in modes where mode.source == language && !seen.contains(mode.target) {
                    seen.insert(mode.target)
                    next.append(mode.target)
                }
            }
            frontier = next
        }
        seen.remove(source)
        return seen.sorted()
    }

    /// The shortest chain of modes from `source` to `target` (breadth-first, so a direct mode wins over a pivot),
    /// or nil when none exists. Ties go to the alphabetically first pivot, so routes are stable.
    public func route(from source: String, to target: String) -> [ApertiumMode]? {
        guard source != target else { return [] }
        var cameBy: [String: ApertiumMode] = [:]
        var frontier = [source]
        var seen: Set<String> = [source]
        while !frontier.isEmpty {
            var next: [String] = []
            for language in frontier {
                for mode in modes where mode.source == language && !seen.contains(mode.target) {
                    seen.insert(mode.target)
                    cameBy[mode.target] = mode
                    next.append(mode.target)
                }
            }
            if seen.contains(target) { break }
            frontier = next.sorted()
        }
        guard cameBy[target] != nil else { return nil }
        var chain: [ApertiumMode] = []
        var language = target
        while language != source, let mode = cameBy[language] {
            chain.append(mode)
            language = mode.source
        }
        return chain.reversed()
    }
}

import Foundation
