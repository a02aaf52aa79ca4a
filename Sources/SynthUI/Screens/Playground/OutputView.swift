// The output pane: answer tabs, the visible window of wrapped lines (prompt tail dimmed), and the stats line.
import Foundation

enum OutputView {
    /// Column spans of the answer tabs in the top border (only when there is more than one answer).
    static func tabSpans(_ state: PlaygroundState) -> [(index: Int, x: Range<Int>)] {
        guard state.outputs.count > 1 else { return [] }
        let rect = state.layout.output
        var x = rect.x + 2 + DisplayWidth.of(" Output ")
        var spans: [(index: Int, x: Range<Int>)] = []
        for i in state.outputs.indices {
            let w = DisplayWidth.of(" \(i + 1) ")
            guard x + w < rect.maxX - 1 else { break }
            spans.append((i, x..<x + w))
            x += w + 1
        }
        return spans
    }

    static func draw(_ state: PlaygroundState, backendProblem: String?, into grid: inout CellGrid) {
        let layout = state.layout
        grid.drawFrame(layout.output, title: "Output", focused: state.focus == .output)
        for span in tabSpans(state) {
            let active = span.index == state.outputTab
            grid.write(" \(span.index + 1) ", x: span.x.lowerBound, y: layout.output.y,
                       style: CellStyle(active ? .tabActive : .tabInactive))
        }
        let area = layout.outputText
        if let doc = state.currentOutput, !area.isEmpty {
            // Following: the last page, whatever the pane's height is right now.
            let end = max(0, doc.lines.count - area.height)
            let first = state.outputFollows ? end : min(state.outputScroll, max(0, doc.lines.count - 1))
            let marks = TextMarks(state, doc)
            for r in 0..<area.height {
                let i = first + r
                guard i < doc.lines.count else { break }
                drawLine(doc.lines[i], of: doc, marks: marks, y: area.y + r, area: area, into: &grid)
            }
            if state.inspecting { TokenPopupView.draw(state, firstLine: first, into: &grid) }
        } else if !area.isEmpty, let problem = backendProblem {
            grid.writeWrapped("✗ \(state.backendName) cannot be reached: \(problem)", in: area,
                              style: CellStyle(.error))
        } else if !area.isEmpty {
            grid.write("F5 runs the prompt; the answer streams in here.", x: area.x, y: area.y,
                       style: CellStyle(.disabled, [.dim]), limit: area.maxX)
        }
        drawStats(state, into: &grid)
    }

    /// What the inspector marks on the text: token colours, the cursor's span, where a re-run departs from its
    /// source (UTF-8 offsets in the whole text, echo included).
    struct TextMarks {
        var tokens: OutputTokens?
        var cursor: Range<Int>?
        var departure: Int?

        init(_ state: PlaygroundState, _ doc: OutputDocument) {
            let echo = doc.echoLength
            tokens = state.inspector.isOn && !doc.tokens.isEmpty ? doc.tokens : nil
            if state.inspecting {
                let pieces = state.pieces(of: doc)
                let span = state.inspector.span
                if pieces.indices.contains(span.upperBound) {
                    cursor = echo + pieces[span.lowerBound].lowerBound..<echo + max(pieces[span.upperBound].upperBound,
                                                                                    pieces[span.lowerBound].lowerBound + 1)
                }
            }
            departure = doc.lineage?.departureOffset.map { echo + $0 }
        }

        func style(at offset: Int, echoLength: Int) -> CellStyle {
            if offset < echoLength { return CellStyle(.promptEcho, [.dim]) }
            if cursor?.contains(offset) == true { return CellStyle(.selection, [.bold]) }
            if offset == departure { return CellStyle(.selection, [.bold, .underline]) }
            if let tokens, let index = tokens.index(at: offset - echoLength) {
                return CellStyle(TokenConfidence(modelLogprob: tokens.placed[index].token.modelLogprob).role)
            }
            return CellStyle(.outputText)
        }
    }

    static func drawLine(_ line: WrappedLine, of doc: OutputDocument, marks: TextMarks, y: Int, area: Rect,
                         into grid: inout CellGrid) {
        let text = doc.text
        var x = area.x
        var offset = line.start
        var i = text.stringIndex(utf8Offset: line.start)
        let end = text.stringIndex(utf8Offset: line.end)
        while i < end, x < area.maxX {
            let c = text[i]
            let style = marks.style(at: offset, echoLength: doc.echoLength)
            x += grid.put(c == "\t" ? " " : c, x: x, y: y, style: style, limit: area.maxX)
            offset += c.utf8.count
            i = text.index(after: i)
        }
        // A cursor or departure on a line break has no glyph of its own: mark the cell after the line.
        let breakMarked = marks.cursor?.contains(line.end) == true || marks.departure == line.end
        if breakMarked, line.end < text.utf8.count, x < area.maxX {
            grid.put("⏎", x: x, y: y, style: CellStyle(.selection, [.bold]))
        }
    }

    static func drawStats(_ state: PlaygroundState, into grid: inout CellGrid) {
        let line = state.layout.outputStatsLine
        guard !line.isEmpty else { return }
        switch state.phase {
        case .failed(let message, let status):
            let text = "✗ \(status.map { "error \($0)" } ?? "error"): \(message)"
            drawUpwards(text, from: line, state: state, style: CellStyle(.error, [.bold]), into: &grid)
            return
        case .waiting:
            guard let note = state.retryNote else {
                grid.writeLine("waiting for the first token…", in: line, row: 0, style: CellStyle(.statsLine))
                return
            }
            // A retry says why the wait is long, and that Esc gives up.
            drawUpwards("⟳ \(note) · Esc cancels", from: line, state: state, style: CellStyle(.warning), into: &grid)
            return
        case .streaming:
            let follow = state.outputFollows ? "following" : "scrolled up · End follows"
            grid.writeLine("streaming… (\(follow))", in: line, row: 0, style: CellStyle(.statsLine))
            return
        case .idle:
            break
        }
        if let text = TokenPopupView.statusText(state) {
            grid.writeLine(text, in: line, row: 0, style: CellStyle(.statsLine))
            return
        }
        guard let stats = state.stats else {
            if state.lastRequestCancelled {
                grid.writeLine("cancelled · what arrived is kept · F5 runs again", in: line, row: 0,
                               style: CellStyle(.warning))
            } else if !state.outputFollows {
                grid.writeLine("scrolled up · End follows", in: line, row: 0, style: CellStyle(.statsLine))
            }
            return
        }
        var x = line.x
        if stats.truncatedPrompt {
            // First, so that a narrow pane never cuts the warning off.
            x = grid.write("⚠ prompt truncated · ", x: x, y: line.y, style: CellStyle(.warning, [.bold]), limit: line.maxX)
        }
        grid.write(statsText(stats), x: x, y: line.y, style: CellStyle(.statsLine), limit: line.maxX)
    }

    /// A message wrapped upwards from the stats line over the text's last rows (at most half of them): the whole
    /// reason is shown, never cut at the pane's edge.
    static func drawUpwards(_ text: String, from line: Rect, state: PlaygroundState, style: CellStyle,
                            into grid: inout CellGrid) {
        let needed = LineWrapper.wrap(text, from: 0, width: max(1, line.width)).count
        let rows = min(needed, 1 + state.layout.outputText.height / 2)
        grid.writeWrapped(text, in: Rect(x: line.x, y: line.maxY - rows, width: line.width, height: rows), style: style)
    }

    static func statsText(_ s: CompletionStats) -> String {
        var parts: [String] = []
        if let t = s.timeToFirstToken { parts.append(String(format: "ttft %.2fs", t)) }
        if let r = s.tokensPerSecond { parts.append(String(format: "%.1f tok/s", r)) }
        switch (s.inputTokens, s.outputTokens) {
        case (let i?, let o?): parts.append("in \(i) out \(o)")
        case (let i?, nil): parts.append("in \(i)")
        case (nil, let o?): parts.append("out \(o)")
        default: break
        }
        if let f = s.finishReason { parts.append(f) }
        return parts.joined(separator: " · ")
    }
}
