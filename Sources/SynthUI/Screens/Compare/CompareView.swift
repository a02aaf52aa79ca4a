// The compare screen: prompt line, the columns (side by side, stacked or paged), each with its variant, streamed
// text (divergence point marked) and stats; totals and key hints at the bottom.
import Foundation
import SynthKit

/// Draws the compare screen into `rect` of `grid`. Pure: the theme colours the roles when the grid is painted.
public func renderCompare(_ state: CompareState, in rect: Rect, into grid: inout CellGrid) {
    grid.fill(rect, style: .plain)
    let layout = CompareLayout(area: rect, state: state)
    CompareView.drawPrompt(state, in: layout.promptLine, into: &grid)
    if layout.arrangement == .pager { CompareView.drawTabs(state, in: layout.tabStrip, into: &grid) }
    let marks = state.divergenceMarks
    for (i, frame) in layout.columnFrames.enumerated() {
        guard let frame else { continue }
        CompareView.drawColumn(state, index: i, frame: frame, mark: marks[i], into: &grid)
    }
    CompareView.drawStatus(state, in: layout.statusLine, into: &grid)
}

enum CompareView {
    static func drawPrompt(_ state: CompareState, in line: Rect, into grid: inout CellGrid) {
        guard !line.isEmpty else { return }
        let x = grid.write("Prompt ", x: line.x, y: line.y, style: CellStyle(.paneTitle), limit: line.maxX)
        let oneLine = state.prompt.replacingOccurrences(of: "\n", with: " ⏎ ")
        grid.write(truncated(oneLine, to: line.maxX - x), x: x, y: line.y, style: CellStyle(.promptEcho, [.dim]),
                   limit: line.maxX)
    }

    /// What a column is called in titles and tabs: its swept value when there is a sweep, else its engine.
    static func label(_ state: CompareState, index: Int) -> String {
        let column = state.columns[index]
        if let sweep = state.sweep {
            return "\(index + 1) \(shortName(sweep.spec))=\(column.variant.displayValue(of: sweep.spec))"
        }
        return "\(index + 1) \(column.variant.engine.qualifiedID)"
    }

    static func shortName(_ spec: ParameterSpec) -> String {
        switch spec.wireName {
        case "temperature": return "t"
        case "max_tokens": return "max"
        default: return spec.wireName
        }
    }

    static func drawTabs(_ state: CompareState, in strip: Rect, into grid: inout CellGrid) {
        guard !strip.isEmpty else { return }
        var x = strip.x
        for i in state.columns.indices {
            var label = " \(label(state, index: i)) "
            if state.columns[i].errorMessage != nil { label = " ✗" + label.dropFirst() }
            let active = i == state.focusedColumn
            x = grid.write(label, x: x, y: strip.y, style: CellStyle(active ? .tabActive : .tabInactive), limit: strip.maxX)
            x += 1
            if x >= strip.maxX { break }
        }
    }

    static func drawColumn(_ state: CompareState, index: Int, frame: Rect, mark: (graphemes: Int, utf8: Int)?,
                           into grid: inout CellGrid) {
        let column = state.columns[index]
        let focused = index == state.focusedColumn
        var title = label(state, index: index)
        if state.sweep != nil { title += " · \(column.variant.engine.qualifiedID)" }
        grid.drawFrame(frame, title: title, focused: focused)
        let parts = CompareLayout.parts(of: frame)
        let isReference = state.divergenceAgainstFirst && state.columns.firstIndex { !$0.text.isEmpty } == index
        drawHeader(state, column: column, mark: mark?.graphemes, isReference: isReference, in: parts.header,
                   into: &grid)
        drawText(column, markOffset: mark?.utf8, in: parts.text, into: &grid)
        drawStats(column, in: parts.stats, into: &grid)
    }

    /// The variant line: the parameter being compared (swept or selected), the seed, where the column departs
    /// (counted in characters from 1), or that it is the reference the others are measured against (`v`).
    /// Narrow columns get the short form rather than a cut-off figure.
    static func drawHeader(_ state: CompareState, column: CompareColumn, mark: Int?, isReference: Bool, in line: Rect,
                           into grid: inout CellGrid) {
        guard !line.isEmpty else { return }
        let spec = state.sweep?.spec ?? state.selectedParameter
        // Other parameters the columns differ in follow the selected one, so `[` `]` never hide a difference.
        let others = state.differingParameters.filter { $0 != spec && $0.wireName != "seed" }
            .map { " · \(shortName($0))=\(column.variant.displayValue(of: $0))" }.joined()
        let value = column.variant.displayValue(of: spec) + others
        let seed = spec.wireName == "seed" ? nil : "seed \(column.variant.parameters.seed)"
        let long = isReference ? "reference" : mark.map { "departs at char \($0 + 1)" }
        let short = isReference ? "ref" : mark.map { "≠ char \($0 + 1)" }
        let candidates: [(name: String, seed: String?, departs: String?)] = [
            (spec.displayName + " ", seed, long),
            (shortName(spec) + "=", seed, short),
            (shortName(spec) + "=", nil, short),
        ]
        let label = CellStyle(.sliderLabel)
        for (i, c) in candidates.enumerated() {
            let width = DisplayWidth.of(c.name + value) + (c.seed.map { DisplayWidth.of(" · " + $0) } ?? 0)
                + (c.departs.map { DisplayWidth.of(" · " + $0) } ?? 0)
            guard width <= line.width || i == candidates.count - 1 else { continue }
            var x = grid.write(c.name, x: line.x, y: line.y, style: label, limit: line.maxX)
            x = grid.write(value, x: x, y: line.y, style: CellStyle(.sliderValue, [.bold]), limit: line.maxX)
            if let seed = c.seed { x = grid.write(" · " + seed, x: x, y: line.y, style: label, limit: line.maxX) }
            if let departs = c.departs {
                x = grid.write(" · ", x: x, y: line.y, style: label, limit: line.maxX)
                grid.write(departs, x: x, y: line.y, style: CellStyle(.selection), limit: line.maxX)
            }
            return
        }
    }

    static func drawText(_ column: CompareColumn, markOffset: Int?, in area: Rect, into grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        let doc = column.output
        if column.text.isEmpty {
            if let error = column.errorMessage {
                grid.writeWrapped("✗ " + error, in: area, style: CellStyle(.error, [.bold]))
            } else if let note = column.retryNote {
                grid.writeWrapped("⟳ " + note, in: area, style: CellStyle(.warning))
            } else if column.phase == .idle {
                grid.write("F5 runs the prompt in every column.", x: area.x, y: area.y,
                           style: CellStyle(.disabled, [.dim]), limit: area.maxX)
            }
            return
        }
        let end = max(0, doc.lines.count - area.height)
        let first = min(column.scroll ?? end, end)
        let text = doc.text
        for r in 0..<area.height {
            let n = first + r
            guard n < doc.lines.count else { break }
            let line = doc.lines[n]
            var x = area.x
            var offset = line.start
            var i = text.stringIndex(utf8Offset: line.start)
            let stop = text.stringIndex(utf8Offset: line.end)
            while i < stop, x < area.maxX {
                let c = text[i]
                let style = offset == markOffset ? CellStyle(.selection, [.bold]) : CellStyle(.outputText)
                x += grid.put(c == "\t" ? " " : c, x: x, y: area.y + r, style: style, limit: area.maxX)
                offset += c.utf8.count
                i = text.index(after: i)
            }
            // A departure at a line break has no glyph of its own: mark the cell after the line.
            if let markOffset, markOffset == line.end, markOffset < text.utf8.count, x < area.maxX {
                grid.put("⏎", x: x, y: area.y + r, style: CellStyle(.selection, [.bold]))
            }
        }
    }

    static func drawStats(_ column: CompareColumn, in line: Rect, into grid: inout CellGrid) {
        guard !line.isEmpty else { return }
        switch column.phase {
        case .failed(_, let status):
            // With no text the full message fills the text area; here the short form is enough.
            let short = column.text.isEmpty ? status.map { ColumnPhase.describe(status: $0) } ?? "failed" : nil
            grid.writeLine(truncated("✗ " + (short ?? column.errorMessage ?? "error"), to: line.width), in: line, row: 0,
                           style: CellStyle(.error, [.bold]))
        case .waiting:
            grid.writeLine("waiting…", in: line, row: 0, style: CellStyle(.statsLine))
        case .streaming:
            let follow = column.scroll == nil ? "" : " · End follows"
            grid.writeLine("streaming…" + follow, in: line, row: 0, style: CellStyle(.statsLine))
        case .finished, .idle, .cancelled:
            let text = statsText(column, width: line.width)
            if !text.isEmpty { grid.writeLine(text, in: line, row: 0, style: CellStyle(.statsLine)) }
        }
    }

    /// `0.31s · 41.9 tok/s · 96 tok · stop · 0.0012 cr`. When that does not fit, the same in short units
    /// (`0.31s 41.9t/s 96t stop 0.0012cr`, what 3–4 columns have room for); only then the time to first token and the
    /// finish reason go: speed, length and cost are what a comparison is read for. A cancelled run says so.
    static func statsText(_ column: CompareColumn, width: Int = .max) -> String {
        let s = column.stats
        let cancelled = column.phase == .cancelled ? "cancelled" : nil
        func parts(short: Bool) -> (first: String?, speed: String?, tokens: String?, finish: String?, credits: String?) {
            (s?.timeToFirstToken.map { String(format: "%.2fs", $0) },
             s?.tokensPerSecond.map { String(format: short ? "%.1ft/s" : "%.1f tok/s", $0) },
             s?.outputTokens.map { short ? "\($0)t" : "\($0) tok" },
             cancelled ?? s?.finishReason,
             column.creditsSpent.map { formatCredits($0) + (short ? "cr" : " cr") })
        }
        let long = parts(short: false), short = parts(short: true)
        let attempts: [([String?], String)] = [
            ([long.first, long.speed, long.tokens, long.finish, long.credits], " · "),
            ([short.first, short.speed, short.tokens, short.finish, short.credits], " "),
            ([short.speed, short.tokens, short.finish, short.credits], " "),
            ([short.speed, short.tokens, short.credits], " "),
        ]
        for (pieces, separator) in attempts {
            let text = pieces.compactMap { $0 }.joined(separator: separator)
            if DisplayWidth.of(text) <= width { return text }
        }
        let (pieces, separator) = attempts.last!
        return truncated(pieces.compactMap { $0 }.joined(separator: separator), to: width)
    }

    static func drawStatus(_ state: CompareState, in bar: Rect, into grid: inout CellGrid) {
        guard !bar.isEmpty else { return }
        grid.fill(bar, style: CellStyle(.statusBar))
        if let input = state.sweepInput {
            // The sweep being typed, with its cursor; a refusal follows it.
            var x = grid.write(" sweep › ", x: bar.x, y: bar.y, style: CellStyle(.input, [.bold]), limit: bar.maxX)
            let cursorX = x + DisplayWidth.of(input.text.slice(0, input.cursor))
            x = grid.write(input.text, x: x, y: bar.y, style: CellStyle(.input), limit: bar.maxX)
            if let notice = state.notice {
                grid.write("  " + notice, x: x + 1, y: bar.y, style: CellStyle(.warning), limit: bar.maxX)
            }
            if cursorX < bar.maxX {
                grid.cursor = CellPosition(x: cursorX, y: bar.y)
                grid.restyle(Rect(x: cursorX, y: bar.y, width: 1, height: 1)) { $0 = CellStyle(.cursor, [.reverse]) }
            }
            return
        }
        let x = grid.write(" compare · \(state.columns.count) columns ", x: bar.x, y: bar.y,
                           style: CellStyle(.statusAccent), limit: bar.maxX)
        let running = state.columns.filter(\.phase.isInFlight).count
        var info = running > 0 ? " running \(running)/\(state.columns.count)" : ""
        if let total = state.totalCredits { info += " credits " + formatCredits(total) }
        if let notice = state.notice { info += " · " + notice }
        // Key hints are the status bar's, drawn from the key table: none here.
        grid.write(info, x: x, y: bar.y, style: CellStyle(state.notice == nil ? .statusBar : .warning), limit: bar.maxX)
    }
}
