import ArgumentParser
import Foundation
import RunHistory
import SynthKit

struct TranslateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translate",
        abstract: "Translate lines of text (arguments, or standard input one text per line).",
        discussion: "Inputs of more than 64 lines are sent in batches of 64. Output lines match input lines.")

    @Argument(help: "Texts to translate (read from standard input, one per line, when absent).")
    var texts: [String] = []

    @Option(name: .customLong("from"), help: "Source language code, or auto to detect it.")
    var sourceLang = TranslateRequest.autoDetect

    @Option(name: .customLong("to"), help: "Target language code, e.g. fr.")
    var targetLang: String

    @Option(help: help(.numBeams)) var beams: Int?

    @Flag(inversion: .prefixedNo, help: "Split each text into sentences before translating.")
    var splitSentences = true

    @Option(help: "Translation engine (default: madlad400_7B on TextSynth's cloud, apertium locally).")
    var translationEngine: String?

    @OptionGroup var backendOptions: BackendOptions

    @Flag(help: "Print each translation as JSON (text and detected_source_lang).")
    var json = false

    @OptionGroup var log: LogOptions

    func run() async throws {
        let lines = texts.isEmpty ? try inputText([], what: "text", keepFinalNewline: true).split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init).dropLastIfEmpty() : texts
        guard lines.contains(where: { !$0.trimmingCharacters(in: .whitespaces).isEmpty }) else {
            throw CLIError.usage("nothing to translate: the text is empty")
        }
        let batches = stride(from: 0, to: lines.count, by: TranslateRequest.maxTexts).map {
            TranslateRequest(text: Array(lines[$0..<min($0 + TranslateRequest.maxTexts, lines.count)]),
                             sourceLang: sourceLang, targetLang: targetLang,
                             numBeams: beams ?? Int(ParameterSpec.numBeams.defaultValue), splitSentences: splitSentences)
        }
        for batch in batches { try batch.validate() }
        let backend = try await backendOptions.resolve()
        let engine = translationEngine ?? backend.translationEngine
        // The local server's Apertium answers to m2m100_1_2B too: its languages are the pairs it lists, not M2M100's.
        if case .remote = backend { try batches.first?.validateLanguages(for: engine) }
        // The parameters are the first batch's: every batch differs only in its texts.
        let logger = log.logger(for: try backendOptions.loggedRun(
            "translate", kind: "translate", on: backend, engine: engine, prompt: lines.joined(separator: "\n"),
            parameters: LoggedRun.parametersJSON(batches[0])), config: try backendOptions.loadConfig())
        try await logger.around {
            try await cancellingOnInterrupt { [json] in
                for batch in batches {
                    let answer = try await backend.textSynthClient(for: "translate").translate(engine: engine, request: batch)
                    logger.recorder.received(texts: answer.translations.map(\.text))
                    for translation in answer.translations {
                        if json { try Output.json(translation) } else { Output.line(translation.text) }
                    }
                }
            }
        }
    }
}

extension Array where Element == String {
    /// Standard input usually ends with a newline, which is not an extra empty text.
    func dropLastIfEmpty() -> [String] { last == "" ? Array(dropLast()) : self }
}
