// The "apertium" translation engine: TextSynth's /translate served by the rule-based Apertium system.

import Foundation
import SynthWire

public struct Translation: Sendable, Equatable {
    public var text: String
    public var detectedSourceLanguage: String
}

public struct TranslationResult: Sendable, Equatable {
    public var translations: [Translation]
    /// Apertium has no tokens: these count words (whitespace-separated), which is what credits are charged on.
    public var inputTokens: Int
    public var outputTokens: Int
}

public struct ApertiumTranslator: Sendable {
    public static let maximumTexts = 64

    /// nil when Apertium is not installed: every translation then fails with `.apertiumNotInstalled`.
    let process: ApertiumProcess?
    public let graph: TranslationGraph

    /// Finds `apertium` (on PATH unless `executable` is given) and lists its modes.
    /// Never throws: a missing or broken Apertium yields a translator that reports itself unavailable.
    public static func discover(executable: URL? = nil, timeoutSeconds: Double = 30) async -> ApertiumTranslator {
        guard let url = executable ?? ApertiumProcess.locate(),
              FileManager.default.isExecutableFile(atPath: url.path)
        else { return ApertiumTranslator(process: nil, graph: TranslationGraph(modes: [])) }
        let process = ApertiumProcess(executable: url, timeoutSeconds: timeoutSeconds)
        guard let listing = try? await process.listModes() else {
            return ApertiumTranslator(process: nil, graph: TranslationGraph(modes: []))
        }
        return ApertiumTranslator(process: process, graph: TranslationGraph(apertiumListing: listing))
    }

    /// A translator that is known to be unavailable (the server was configured without translation).
    public static var unavailable: ApertiumTranslator {
        ApertiumTranslator(process: nil, graph: TranslationGraph(modes: []))
    }

    init(process: ApertiumProcess?, graph: TranslationGraph) {
        self.process = process
        self.graph = graph
    }

    public var isAvailable: Bool { process != nil && !graph.modes.isEmpty }

    /// Translates each text independently (the answer keeps their order); "auto" detects each text's language
    /// with cld2 and refuses a text it cannot tell (a blank one stays blank). `num_beams` has no meaning for a
    /// rule-based system (one analysis, one translation), so there is none here: any valid value gives the same.
    public func translate(_ texts: [String], from sourceLanguage: String, to targetLanguage: String,
                          splitSentences: Bool) async throws -> TranslationResult {
        guard let process, isAvailable else { throw TranslationFailure.apertiumNotInstalled }
        guard texts.count <= Self.maximumTexts else { throw TranslationFailure.tooManyTexts(texts.count) }
        guard let target = Self.code(targetLanguage) else {
            let reachable = Self.code(sourceLanguage).map(graph.reachableTargets) ?? []
            throw TranslationFailure.unsupportedPair(source: sourceLanguage, target: targetLanguage,
                                                     reachable: reachable, installed: graph.directPairs)
        }
        let sources = try sourceLanguages(of: texts, given: sourceLanguage)

        // Check every route before running anything, so a bad pair fails fast and whole.
        var routes: [String: [ApertiumMode]] = [:]
        for source in Set(sources.compactMap { $0 }) {
            routes[source] = try graph.checkedRoute(from: source, to: target)
        }

        var outputs = texts
        for (source, route) in routes.sorted(by: { $0.key < $1.key }) {
            let indices = texts.indices.filter { sources[$0] == source }
            let splits = indices.map { SentenceSplitter.split(texts[$0], sentences: splitSentences) }
            var pieces = splits.flatMap(\.pieces)
            for mode in route {
                pieces = try await translatePieces(pieces, mode: mode.name, process: process)
            }
            var offset = 0
            for (position, index) in indices.enumerated() {
                let count = splits[position].pieces.count
                outputs[index] = splits[position].joined(with: Array(pieces[offset ..< offset + count]))
                offset += count
            }
        }
        return TranslationResult(
            // A blank text detected as nothing is "und", ISO 639-2's code for an undetermined language.
            translations: zip(outputs, sources).map { Translation(text: $0, detectedSourceLanguage: $1 ?? "und") },
            inputTokens: texts.reduce(0) { $0 + wordCount($1) },
            outputTokens: outputs.reduce(0) { $0 + wordCount($1) })
    }

    /// Each text's source language (nil for a blank text, which is not translated).
    private func sourceLanguages(of texts: [String], given sourceLanguage: String) throws -> [String?] {
        guard sourceLanguage.lowercased() == "auto" else {
            guard let code = Self.code(sourceLanguage) else { throw TranslationFailure.unknownSourceLanguage(sourceLanguage) }
            return texts.map { _ in code }
        }
        return try texts.enumerated().map { index, text in
            if text.allSatisfy(\.isWhitespace) { return nil }
            switch LanguageDetector.detect(text) {
            case .language(let code): return Self.code(code)
            case .unreliable(let guess): throw TranslationFailure.undetectedLanguage(index: index, bestGuess: guess)
            }
        }
    }

    /// A client's code as the graph names it: 2-letter where one exists, and the aliases Apertium's pairs answer
    /// to (Norwegian is Bokmål; Bosnian, Croatian and Serbian are Serbo-Croatian).
    static func code(_ raw: String) -> String? {
        LanguageCode.normalised(raw).map { LanguageCode.apertiumAliases[$0] ?? $0 }
    }

    /// One Apertium run for all pieces, one per line (Apertium keeps line breaks); if the line count ever comes
    /// back different, each piece is run on its own so the answer stays aligned with the input.
    private func translatePieces(_ pieces: [String], mode: String, process: ApertiumProcess) async throws -> [String] {
        guard !pieces.isEmpty else { return [] }
        let output = try await process.translate(pieces.joined(separator: "\n") + "\n", mode: mode)
        var lines = output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        if lines.count == pieces.count {
            return lines.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        var aligned: [String] = []
        for piece in pieces {
            let single = try await process.translate(piece + "\n", mode: mode)
            aligned.append(single.split(separator: "\n").joined(separator: " ").trimmingCharacters(in: .whitespaces))
        }
        return aligned
    }

    private func wordCount(_ text: String) -> Int {
        text.split(whereSeparator: \.isWhitespace).count
    }
}
