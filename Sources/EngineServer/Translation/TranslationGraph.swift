// The language pairs installed Apertium modes cover, and routes through them: the shortest chain of modes over every
// installed pair (pivoting through any languages, not only English or Spanish), up to a hop limit.

import Foundation
import SynthWire

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

    /// A route of more modes than this is refused: each rule-based hop loses words and structure, and past four
    /// the result is more damage than translation.
    public static let maximumHops = 4

    /// Pivots tried first when routes tie on length: English and Spanish, Apertium's hubs (the most pairs and the
    /// most worked-on ones), then every other language alphabetically. Keeps routes stable as pairs are added.
    static let preferredPivots = ["en", "es"]

    /// Languages that can be translated from (directly or by pivot).
    public var sourceLanguages: [String] { Array(Set(modes.map(\.source))).sorted() }

    /// Every (source, target) pair reachable within `maximumHops` modes, as "en-fr" strings, sorted.
    public var reachablePairs: [String] {
        sourceLanguages.flatMap { source in reachableTargets(from: source).map { source + "-" + $0 } }
    }

    /// Pairs one mode translates directly, as "en-es" strings, sorted.
    public var directPairs: [String] { modes.map { $0.source + "-" + $0.target }.sorted() }

    /// The languages `source` reaches within `maximumHops` modes, sorted.
    public func reachableTargets(from source: String) -> [String] {
        shortestRoutes(from: source).filter { $0.value.count <= Self.maximumHops && $0.key != source }.keys.sorted()
    }

    /// The shortest chain of modes from `source` to `target`, at most `maximumHops` long, or nil when there is none.
    /// Ties go to the preferred pivots, then alphabetical order (see `preferredPivots`), so routes are stable.
    public func route(from source: String, to target: String) -> [ApertiumMode]? {
        guard let chain = shortestRoute(from: source, to: target), chain.count <= Self.maximumHops else { return nil }
        return chain
    }

    /// `route(from:to:)`, or the error that says why there is none: too many hops, or no chain at all (naming
    /// where `source` can go and every installed pair).
    public func checkedRoute(from source: String, to target: String) throws(TranslationFailure) -> [ApertiumMode] {
        if let route = route(from: source, to: target) { return route }
        if let longer = shortestRoute(from: source, to: target) {
            throw .routeTooLong(source: source, target: target, hops: longer.count)
        }
        throw .unsupportedPair(source: source, target: target, reachable: reachableTargets(from: source),
                               installed: directPairs)
    }

    /// The shortest chain with no hop limit (to tell "too far" from "unreachable").
    public func shortestRoute(from source: String, to target: String) -> [ApertiumMode]? {
        shortestRoutes(from: source)[target]
    }

    /// Breadth-first from `source`: the shortest chain to every language it reaches (an empty one to itself).
    /// Each layer is walked in pivot order, so the first chain found to a language is the preferred one.
    func shortestRoutes(from source: String) -> [String: [ApertiumMode]] {
        let outgoing = self.outgoing
        var routes: [String: [ApertiumMode]] = [source: []]
        var frontier = [source]
        while !frontier.isEmpty {
            var next: [String] = []
            for language in frontier {
                for mode in outgoing[language] ?? [] where routes[mode.target] == nil {
                    routes[mode.target] = routes[language]! + [mode]
                    next.append(mode.target)
                }
            }
            frontier = next.sorted(by: Self.pivotOrder)
        }
        return routes
    }

    /// Modes by source language, each list in pivot order of its targets.
    private var outgoing: [String: [ApertiumMode]] {
        Dictionary(grouping: modes, by: \.source).mapValues { $0.sorted { Self.pivotOrder($0.target, $1.target) } }
    }

    static func pivotOrder(_ a: String, _ b: String) -> Bool {
        let rank = { (code: String) in preferredPivots.firstIndex(of: code) ?? preferredPivots.count }
        return (rank(a), a) < (rank(b), b)
    }
}
