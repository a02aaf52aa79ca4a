// A comparison written down: prompt, variants, outputs and stats, as Markdown to read or JSON to process.
import Foundation
import SynthKit

/// The comparison as plain data (what JSON export encodes).
public struct CompareRecord: Sendable, Equatable, Codable {
    public struct Column: Sendable, Equatable, Codable {
        public var backend: String
        public var engine: String
        public var parameters: SamplingParameters
        public var output: String
        public var stats: CompletionStats?
        public var credits: Double?
        public var error: String?
        /// Grapheme offset where this output departs from the others, if it shares a beginning with them.
        public var departsAt: Int?
    }
    public struct Sweep: Sendable, Equatable, Codable {
        public var parameter: String
        public var from: Double
        public var to: Double
        public var seed: Int
    }
    public var prompt: String
    public var sweep: Sweep?
    public var columns: [Column]
}

public enum CompareExport {
    public static func record(_ state: CompareState) -> CompareRecord {
        let marks = state.divergence
        let columns = state.columns.enumerated().map { i, c in
            CompareRecord.Column(backend: c.variant.backend, engine: c.variant.engine.id, parameters: c.variant.parameters,
                                 output: c.text, stats: c.stats, credits: c.creditsSpent, error: c.errorMessage,
                                 departsAt: marks[i])
        }
        let sweep = state.sweep.map {
            CompareRecord.Sweep(parameter: $0.spec.wireName, from: $0.from, to: $0.to, seed: $0.lockedSeed)
        }
        return CompareRecord(prompt: state.prompt, sweep: sweep, columns: columns)
    }

    /// Pretty, key-sorted JSON: stable enough to diff two exports.
    public static func json(_ state: CompareState) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(record(state))) ?? Data("{}".utf8)
    }

    public static func markdown(_ state: CompareState) -> String {
        let record = record(state)
        var md = "# Comparison\n\n## Prompt\n\n" + fenced(record.prompt) + "\n"
        if let sweep = record.sweep {
            md += "Sweep of `\(sweep.parameter)` from \(formatParameter(sweep.from, integer: false)) to "
                + "\(formatParameter(sweep.to, integer: false)), seed \(sweep.seed).\n\n"
        }
        md += "## Variants\n\n| # | Backend | Engine | " + ParameterSpec.all.map(\.wireName).joined(separator: " | ")
            + " | Output tokens | Tokens/s | Finish | Credits |\n"
        md += "|" + String(repeating: "---|", count: 3 + ParameterSpec.all.count + 4) + "\n"
        for (i, c) in state.columns.enumerated() {
            let values = ParameterSpec.all.map { c.variant.displayValue(of: $0) }
            let stats = c.stats
            let cells = ["\(i + 1)", c.variant.backend, c.variant.engine.id] + values + [
                stats?.outputTokens.map(String.init) ?? "–",
                stats?.tokensPerSecond.map { String(format: "%.1f", $0) } ?? "–",
                stats?.finishReason ?? (c.errorMessage != nil ? "error" : "–"),
                c.creditsSpent.map(formatCredits) ?? "–",
            ]
            md += "| " + cells.map(escapeCell).joined(separator: " | ") + " |\n"
        }
        md += "\n## Outputs\n"
        for (i, c) in record.columns.enumerated() {
            md += "\n### \(i + 1). \(c.engine)"
            if let sweep = record.sweep, let spec = ParameterSpec.named(sweep.parameter) {
                md += ", \(sweep.parameter) = \(state.columns[i].variant.displayValue(of: spec))"
            }
            md += "\n\n"
            if let error = c.error { md += "**Error:** \(error)\n\n" }
            if let at = c.departsAt { md += "Departs from the others at character \(at + 1).\n\n" }
            md += fenced(c.output)
        }
        return md
    }

    /// A code fence long enough that backticks inside the text cannot close it.
    static func fenced(_ text: String) -> String {
        var longest = 0, run = 0
        for c in text {
            run = c == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + "text\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence + "\n"
    }

    static func escapeCell(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
