// The token inspector's popup, beside the cursor: the alternatives the sampler weighed for the token there (its
// probability and log-probability, the written one marked ✓), or for an answer without per-token data, what
// `/logprob` said of the span. And the line under the output that says where the cursor is and what a tab is.
import Foundation
import SynthKit

enum TokenPopupView {
    static let width = 44

    static func draw(_ state: PlaygroundState, firstLine: Int, into grid: inout CellGrid) {
        guard let doc = state.currentOutput else { return }
        let area = state.layout.outputText
        let lines = rows(state)
        let pieces = state.pieces(of: doc)
        guard !lines.isEmpty, area.width >= 16, area.height >= 3, pieces.indices.contains(state.inspector.cursor)
        else { return }
        // The cursor's cell: its line in the pane, its column in that line.
        let offset = doc.echoLength + pieces[state.inspector.cursor].lowerBound
        let lineIndex = doc.lines.lastIndex { $0.start <= offset } ?? 0
        let row = lineIndex - firstLine
        let line = doc.lines[lineIndex]
        let column = DisplayWidth.of(doc.text.slice(line.start, max(line.start, offset)))
        let width = min(Self.width, area.width)
        let height = min(lines.count + 2, area.height)
        let below = row + 1 + height <= area.height
        let y = below ? area.y + row + 1 : max(area.y, area.y + row - height)
        let x = min(area.x + column, area.maxX - width)
        let box = Rect(x: max(area.x, x), y: y, width: width, height: height)
        grid.fill(box, style: CellStyle(.overlay))
        grid.drawFrame(box, title: title(state), focused: true)
        let inner = box.inset(1)
        for (i, entry) in lines.prefix(inner.height).enumerated() {
            let style = entry.highlighted ? CellStyle(.focusedRow, [.bold]) : CellStyle(.overlay)
            grid.writeLine(entry.text, in: Rect(x: inner.x, y: inner.y + i, width: inner.width, height: 1), row: 0,
                           style: style)
        }
    }

    static func title(_ state: PlaygroundState) -> String {
        let span = state.inspector.span
        guard span.count == 1, let token = state.tokenAtCursor?.token else {
            return "span of \(span.count) \(state.currentOutput?.tokens.isEmpty == false ? "token" : "word")\(span.count == 1 ? "" : "s")"
        }
        return "\(quoted(token.text)) · model \(percent(token.modelLogprob))"
    }

    /// The span's `/logprob` score when it has one, else the alternatives at the cursor.
    static func rows(_ state: PlaygroundState) -> [(text: String, highlighted: Bool)] {
        if let score = state.inspector.spanScore, score.tab == state.outputTab, score.pieces == state.inspector.span {
            return scoreRows(score)
        }
        if state.inspector.span.count == 1, let token = state.tokenAtCursor?.token {
            let chosen = state.chosenAlternative?.id
            if token.topLogprobs.count <= 1 {
                return [("✓ " + quoted(token.text) + "  " + percent(token.logprob), false),
                        ("the sampler allowed nothing else here:", false),
                        ("temperature, top-k or top-p cut the rest", false)]
            }
            return token.topLogprobs.map { alternative in
                let mark = alternative.id == token.id ? "✓" : " "
                let pointer = alternative.id == chosen ? "▶" : " "
                let name = padded(quoted(alternative.text), to: 18)
                let numbers = padded(percent(alternative.logprob), to: 7, left: true) + "  "
                    + String(format: "%.2f", alternative.logprob).replacingOccurrences(of: "-", with: "−")
                return ("\(pointer)\(mark) \(name) \(numbers)", alternative.id == chosen)
            }
        }
        return [("s scores this span with /logprob", false)]
    }

    static func scoreRows(_ score: SpanScore) -> [(text: String, highlighted: Bool)] {
        if let failure = score.failure { return [("✗ " + failure, false)] }
        guard let answer = score.answer else { return [("scoring…", false)] }
        var lines = [("logprob " + String(format: "%.3f", answer.logprob) + " · " + percent(answer.logprob), false)]
        if let count = answer.numTokens, count > 0 {
            lines.append(("\(count) token\(count == 1 ? "" : "s") · " + String(format: "%.3f", answer.logprob / Double(count))
                          + " per token", false))
        }
        lines.append((answer.isGreedy ? "greedy ✓ (what greedy decoding writes)" : "not greedy", false))
        if let cost = score.cost { lines.append(("cost " + String(format: "%.4f", cost) + " credits", false)) }
        return lines.map { (text: $0.0, highlighted: $0.1) }
    }

    /// The stats line while inspecting, or for an answer made from another; nil: the usual stats.
    static func statusText(_ state: PlaygroundState) -> String? {
        var parts: [String] = []
        if let summary = state.currentOutput?.lineage?.summary { parts.append(summary) }
        if let doc = state.currentOutput, let shared = doc.lineage?.sharedWithSource, !state.phase.isInFlight {
            parts.append(doc.lineage?.departureOffset != nil ? "departs at char \(shared + 1)" : "no departure")
        }
        if state.inspecting, let doc = state.currentOutput {
            let count = state.pieces(of: doc).count
            let unit = doc.tokens.isEmpty ? "word" : "token"
            parts.append(count == 0 ? "no \(unit)s yet" : "\(unit) \(state.inspector.cursor + 1)/\(count)")
            if doc.tokens.isEmpty, state.engineGivesTokens, !state.phase.isInFlight {
                parts.append("no per-token data in this answer: F5 runs with it")
            }
        }
        guard !parts.isEmpty else { return nil }
        if case .idle = state.phase, let stats = state.stats { parts.append(OutputView.statsText(stats)) }
        return parts.joined(separator: " · ")
    }

    static func percent(_ logprob: Double) -> String {
        let p = exp(logprob) * 100
        return p >= 99.95 ? "100%" : p >= 0.1 ? String(format: "%.1f%%", p) : "<0.1%"
    }

    static func quoted(_ text: String) -> String { OutputLineage.quoted(text) }

    static func padded(_ text: String, to width: Int, left: Bool = false) -> String {
        let gap = String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
        return left ? gap + text : text + gap
    }
}
