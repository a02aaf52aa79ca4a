// The "apertium" translation engine: TextSynth's /translate served by the rule-based Apertium system.

import Foundation

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

    /// Translates each text independently (the answer keeps their order); "auto" detects each text's language.
    public func translate(_ texts: [String], from sourceLanguage: String, to targetLanguage: String,
                          splitSentences: Bool) async throws -> TranslationResult {
        guard let process, isAvailable else { throw TranslationFailure.apertiumNotInstalled }
        guard texts.count <= Self.maximumTexts else { throw TranslationFailure.tooManyTexts(texts.count) }
        guard let target = LanguageCode.normalised(targetLanguage) else {
            throw TranslationFailure.unsupportedPair(source: sourceLanguage, target: targetLanguage,
                                                     available: graph.reachablePairs)
        }
        let isAuto = sourceLanguage.lowercased() == "auto"
        let fixedSource: String?
        if isAuto {
            fixedSource = nil
        } else {
            guard let code = LanguageCode.normalised(sourceLanguage) else {
                throw TranslationFailure.unknownSourceLanguage(sourceLanguage)
            }
            fixedSource = code
        }
        let candidates = graph.sourceLanguages.filter { $0 != target }
        let sources = texts.map { text in
            fixedSource ?? LanguageDetector.detect(text, among: candidates.isEmpty ? graph.sourceLanguages : candidates)
                ?? "en"
        }

        // Check every route before running anything, so a bad pair fails fast and whole.
        var routes: [String: [ApertiumMode]] = [:]
        for source in Set(sources) {
            guard let route = graph.route(from: source, to: target) else {
                throw TranslationFailure.unsupportedPair(source: source, target: target, available: graph.reachablePairs)
            }
            routes[source] = route
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
            translations: zip(outputs, sources).map { Translation(text: $0, detectedSourceLanguage: $1) },
            inputTokens: texts.reduce(0) { $0 + wordCount($1) },
            outputTokens: outputs.reduce(0) { $0 + wordCount($1) })
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
