// A run as the screen shows it read-only, and two runs' answers compared word by word: lists of styled texts, which
// the view wraps to its width.
import Foundation
import SynthKit

enum HistoryDetail {
    static let heading = CellStyle(.paneTitle, [.bold])

    /// Everything kept of one run.
    static func texts(_ run: LoggedRun) -> [PaneText] {
        var out: [PaneText] = [
            PaneText("run \(run.id ?? 0)\(run.starred ? " ★" : "") · \(HistoryRow.timestamp(run.time)) UTC", style: heading),
            PaneText("from \(run.source) (\(run.kind)) · \(run.backend) at \(run.baseURL) · engine \(run.engine)",
                     style: CellStyle(.statsLine)),
            PaneText("parameters " + run.parameters, style: CellStyle(.statsLine)),
        ]
        if let system = run.system, !system.isEmpty { out += section("system prompt", system) }
        if let messages = run.messages {
            for (index, message) in messages.enumerated() {
                out += section(index % 2 == 0 ? "you" : "assistant", message)
            }
        } else {
            out += section(run.kind == "translate" ? "texts" : "prompt", run.prompt)
        }
        for (index, answer) in run.answers.enumerated() {
            out += section(run.answers.count == 1 ? "answer" : "answer \(index + 1) of \(run.answers.count)", answer)
        }
        out.append(PaneText(""))
        out.append(PaneText(figures(run), style: CellStyle(.statsLine)))
        if let error = run.error { out.append(PaneText("error: " + error, style: CellStyle(.error))) }
        return out
    }

    static func section(_ title: String, _ text: String) -> [PaneText] {
        [PaneText(""), PaneText(title, style: heading)]
            + text.split(separator: "\n", omittingEmptySubsequences: false).map { PaneText(String($0)) }
    }

    /// Finish reason, tokens, timings and credits: what was measured, and nothing for what was not.
    static func figures(_ run: LoggedRun) -> String {
        var parts: [String] = []
        if let reason = run.finishReason { parts.append("finished: \(reason)") }
        if let input = run.inputTokens { parts.append("\(input) tokens in") }
        if let output = run.outputTokens { parts.append("\(output) out") }
        if let first = run.timeToFirstToken { parts.append(String(format: "first token %.2f s", first)) }
        if let total = run.totalTime { parts.append(String(format: "total %.2f s", total)) }
        if let credits = run.credits { parts.append("credits \(formatCredits(Double(credits) / 1e9))") }
        return parts.isEmpty ? "no figures kept" : parts.joined(separator: " · ")
    }

    /// Two runs' first answers, word by word, with where they part marked; then the settings that differ.
    static func diff(_ a: LoggedRun, _ b: LoggedRun) -> [PaneText] {
        let first = a.answers.first ?? "", second = b.answers.first ?? ""
        var out = [
            PaneText("− run \(a.id ?? 0) · \(a.engine) · \(HistoryRow.timestamp(a.time))", style: CellStyle(.error, [.dim])),
            PaneText("+ run \(b.id ?? 0) · \(b.engine) · \(HistoryRow.timestamp(b.time))",
                     style: CellStyle(.statsLine, [.bold, .underline])),
        ]
        out += parameterChanges(a, b).map { PaneText($0, style: CellStyle(.statsLine)) }
        if a.prompt != b.prompt { out.append(PaneText("the prompts differ too", style: CellStyle(.warning))) }
        let shared = FirstDivergence.commonPrefixLength([first, second])
        let identical = first == second
        let summary = first.isEmpty && second.isEmpty ? "neither run has an answer"
            : identical ? "the answers are the same" : "the answers part at character \(shared + 1) (marked)"
        out.append(PaneText(summary, style: heading))
        out.append(PaneText(""))
        var text = TranslatePadView.diffText(WordDiff.diff(first, second))
        if let departure = departureRange(in: text) {
            text.spans.insert(StyledSpan(departure, CellStyle(.selection, [.bold])), at: 0)
        }
        out.append(text)
        return out
    }

    /// The first changed word of a diff text (the first span that is not a kept word).
    static func departureRange(in text: PaneText) -> Range<Int>? {
        guard let span = text.spans.first else { return nil }
        let bytes = Array(text.text.utf8)
        var end = span.range.lowerBound
        while end < span.range.upperBound, bytes[end] != UInt8(ascii: " ") { end += 1 }
        return span.range.lowerBound..<end
    }

    /// `temperature: 0.7 → 1.2` for each parameter that differs (parameters are kept as JSON objects).
    static func parameterChanges(_ a: LoggedRun, _ b: LoggedRun) -> [String] {
        let left = fields(a.parameters), right = fields(b.parameters)
        return Set(left.keys).union(right.keys).sorted().compactMap { key in
            let old = left[key] ?? "–", new = right[key] ?? "–"
            return old == new ? nil : "\(key): \(old) → \(new)"
        }
    }

    static func fields(_ json: String) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else { return [:] }
        return object.mapValues { value in
            if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) {
                return String(decoding: data, as: UTF8.self)
            }
            return "\(value)"
        }
    }
}

/// One run as a line of the list: `★ 42  12-04 04:36  playground  smollm2_135M  prompt → answer`.
enum HistoryRow {
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).dateTimeSeparator(.space))
    }

    static func text(_ run: LoggedRun, width: Int) -> String {
        let flat = { (s: String) in String(s.map { $0 == "\n" || $0 == "\r\n" ? " " : $0 }) }
        let outcome = run.error.map { "✗ " + $0 } ?? run.answers.first ?? ""
        let head = "\(run.starred ? "★" : " ") \(padded(String(run.id ?? 0), to: 5, alignRight: true))  "
            + "\(timestamp(run.time).dropFirst(5).dropLast(3))  \(padded(run.source, to: 10))  \(padded(run.engine, to: 14))  "
        let rest = max(0, width - DisplayWidth.of(head))
        let promptWidth = max(1, rest / 2)
        return head + truncated(flat(run.prompt), to: promptWidth) + " → " + flat(outcome)
    }
}
