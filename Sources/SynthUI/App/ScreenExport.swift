// Alt-E / Alt-J: the screen shown, written down as Markdown to read or JSON to process, saved to a file by the
// runtime (which says where). Each screen's record is plain data built here; the runtime only writes the bytes.
import Foundation
import SynthKit

public enum ExportFormat: String, Sendable, Equatable {
    case markdown = "md", json

    var fileExtension: String { rawValue }
}

/// The playground's run as data (JSON export).
struct PlaygroundRecord: Codable {
    var backend: String
    var engine: String
    var prompt: String
    var parameters: SamplingParameters
    var outputs: [String]
    var stats: CompletionStats?
}

/// The scratchpad's lines as data.
struct PadRecord: Codable {
    struct Line: Codable { var source: String; var translation: String? }
    var engine: String
    var sourceLang: String
    var targetLang: String
    var lines: [Line]
}

extension AppState {
    /// The screen shown in `format`: a short name for the file and its contents; nil when it has nothing yet.
    func export(_ format: ExportFormat) -> (name: String, contents: Data)? {
        switch mode {
        case .playground:
            let p = playground
            guard !p.outputs.isEmpty || !p.editor.text.isEmpty else { return nil }
            let record = PlaygroundRecord(backend: p.engine.backend ?? p.backendName, engine: p.engine.id,
                                          prompt: p.editor.text, parameters: p.parameters.sampling,
                                          outputs: p.outputs.map(\.completion), stats: p.stats)
            return ("playground", format == .json ? Self.json(record) : Data(Self.markdown(record).utf8))
        case .compare:
            guard let compare else { return nil }
            return ("compare", format == .json ? CompareExport.json(compare) : Data(CompareExport.markdown(compare).utf8))
        case .chat:
            guard let chat, !chat.turns.isEmpty else { return nil }
            if format == .json { return ("chat", Self.json(chat.savedConversation)) }
            return ("chat", Data(ChatTranscript.markdown(chat.turns, system: chat.systemPrompt, engine: chat.engine.id).utf8))
        case .translate:
            let pad = translatePad
            let lines = pad.sourceLines.enumerated().map { index, source in
                PadRecord.Line(source: source, translation: pad.translations.indices.contains(index)
                               ? pad.translations[index]?.text : nil)
            }
            guard !lines.isEmpty else { return nil }
            let record = PadRecord(engine: pad.engine, sourceLang: pad.sourceLang, targetLang: pad.targetLang, lines: lines)
            return ("translations", format == .json ? Self.json(record) : Data(Self.markdown(record).utf8))
        case .image:
            return nil
        case .history:
            guard let run = history.currentRun else { return nil }
            let name = "run-\(run.id ?? 0)"
            if format == .json { return (name, Self.json(run)) }
            return (name, Data((HistoryDetail.texts(run).map(\.text).joined(separator: "\n") + "\n").utf8))
        }
    }

    static func json<T: Encodable>(_ value: T) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)) ?? Data("{}".utf8)
    }

    static func markdown(_ r: PlaygroundRecord) -> String {
        var md = "# Playground run\n\n\(r.engine) on \(r.backend)\n\n## Parameters\n\n"
        for spec in ParameterSpec.all {
            guard let value = r.parameters.value(of: spec) else { continue }
            md += "- `\(spec.wireName)` = \(formatParameter(value, integer: spec.isInteger))\n"
        }
        if !r.parameters.stop.isEmpty { md += "- `stop` = \(r.parameters.stop.map { "`\($0)`" }.joined(separator: ", "))\n" }
        md += "\n## Prompt\n\n" + CompareExport.fenced(r.prompt) + "\n"
        for (index, output) in r.outputs.enumerated() {
            md += "\n## Answer\(r.outputs.count > 1 ? " \(index + 1)" : "")\n\n" + CompareExport.fenced(output) + "\n"
        }
        if let stats = r.stats { md += "\n" + OutputView.statsText(stats) + "\n" }
        return md
    }

    static func markdown(_ r: PadRecord) -> String {
        var md = "# Translations (\(r.sourceLang) → \(r.targetLang), \(r.engine))\n\n| Source | Translation |\n|---|---|\n"
        for line in r.lines {
            md += "| \(CompareExport.escapeCell(line.source)) | \(CompareExport.escapeCell(line.translation ?? "")) |\n"
        }
        return md
    }

    /// Alt-E / Alt-J: ask the runtime to save the export, or say there is nothing yet.
    mutating func exportScreen(_ format: ExportFormat, effects: inout [Effect]) {
        guard let (name, contents) = export(format) else {
            tellScreen(Notice("nothing to export on this screen yet", isError: true))
            return
        }
        effects.append(.exportFile(name: name, fileExtension: format.fileExtension, contents: contents))
    }

    /// Alt-C: the screen's Markdown export on the clipboard (the terminal's, through OSC 52: over ssh too).
    mutating func copyScreen(effects: inout [Effect]) {
        guard let (_, contents) = export(.markdown) else {
            tellScreen(Notice("nothing to copy on this screen yet", isError: true))
            return
        }
        effects.append(.copyToClipboard(String(decoding: contents, as: UTF8.self)))
        tellScreen(Notice("copied the \(mode.title) as Markdown (\(contents.count) bytes) to the clipboard"))
    }

    /// A line for the screen shown, where it shows its messages.
    mutating func tellScreen(_ notice: Notice) {
        switch mode {
        case .playground: playground.parameterNotice = notice
        case .compare: compare?.notice = notice.text
        case .translate: translatePad.notice = notice
        case .chat: chat?.notice = notice
        case .image: image.notice = notice
        case .history: history.notice = notice
        }
    }
}
