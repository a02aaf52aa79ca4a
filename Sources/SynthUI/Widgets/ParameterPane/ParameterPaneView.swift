// The parameters pane: one row per parameter (value, bar, range), stop strings, logit bias, and a footer line.
import Foundation
import SynthKit

/// Where the pane's parts go inside its frame.
public struct ParameterPaneLayout: Sendable, Equatable {
    public let frame: Rect
    public init(frame: Rect) { self.frame = frame }

    /// The rows area (inside the border, above the footer).
    public var list: Rect {
        let inner = frame.inset(1)
        return Rect(x: inner.x, y: inner.y, width: inner.width, height: max(0, inner.height - footerHeight))
    }
    /// A message (wrapped) or a description, and the value being typed on the last line.
    public var footer: Rect {
        let inner = frame.inset(1)
        return Rect(x: inner.x, y: inner.maxY - footerHeight, width: inner.width, height: footerHeight)
    }
    var footerHeight: Int {
        let h = frame.inset(1).height
        return h >= 16 ? 3 : h >= 6 ? 2 : h >= 3 ? 1 : 0
    }

    /// First row shown: scrolls just enough to keep the selected row visible.
    func listTop(cursor: Int) -> Int { max(0, cursor - list.height + 1) }
}

enum ParametersView {
    static func draw(_ pane: ParameterPane, engine: EngineChoice, frame: Rect, focused: Bool,
                     into grid: inout CellGrid) {
        let layout = ParameterPaneLayout(frame: frame)
        grid.drawFrame(frame, title: "Parameters · \(engine.displayName)", focused: focused)
        let list = layout.list
        guard !list.isEmpty else { return }
        let rows = pane.rows(for: engine.family)
        let top = layout.listTop(cursor: pane.cursor)
        let geometry = SliderGeometry(x: list.x, width: list.width)
        for r in 0..<list.height {
            let i = top + r
            guard rows.indices.contains(i) else { break }
            let (row, enabled) = rows[i]
            let selected = i == pane.cursor && enabled
            drawRow(row, enabled: enabled, selected: selected, focused: focused, pane: pane, y: list.y + r,
                    list: list, geometry: geometry, into: &grid)
        }
        drawFooter(pane, engine: engine, footer: layout.footer, into: &grid)
    }

    static func drawRow(_ row: ParameterRow, enabled: Bool, selected: Bool, focused: Bool, pane: ParameterPane, y: Int,
                        list: Rect, geometry g: SliderGeometry, into grid: inout CellGrid) {
        func style(_ role: ThemeRole) -> CellStyle {
            enabled ? CellStyle(role) : CellStyle(.disabled, [.dim])
        }
        let labelStyle = selected && focused ? CellStyle(.focusedRow, [.bold]) : style(.sliderLabel)
        if selected { grid.put(focused ? "▶" : "›", x: list.x, y: y, style: labelStyle) }
        func bar(_ value: Double, range: ClosedRange<Double>) {
            g.drawBar(value, in: range, y: y, enabled: enabled, into: &grid)
        }
        switch row {
        case .slider(let spec):
            let value = pane.values.value(of: spec)
            grid.write(padded(shortLabel(spec), to: g.labelWidth), x: g.labelX, y: y, style: labelStyle)
            grid.write(padded(spec.format(value), to: g.valueWidth, alignRight: true), x: g.valueX, y: y,
                       style: style(.sliderValue))
            bar(value, range: spec.displayRange)
            if g.rangeWidth > 0 {
                grid.write(padded(spec.rangeDescription, to: g.rangeWidth), x: g.rangeX, y: y, style: style(.disabled),
                           limit: list.maxX)
            }
        case .stopStrings:
            let stops = pane.values.sampling.stop
            grid.write(padded("stop", to: g.labelWidth), x: g.labelX, y: y, style: labelStyle)
            let shown = stops.isEmpty ? "none (Enter adds)"
                : "\(stops.count)/\(SamplingParameters.maxStopStrings) " + stops.map { quoted($0) }.joined(separator: " ")
            grid.write(shown, x: g.valueX, y: y, style: style(.sliderValue), limit: list.maxX)
        case .logitBiasWord:
            grid.write(padded("logit bias", to: g.labelWidth), x: g.labelX, y: y, style: labelStyle)
            let count = pane.values.sampling.logitBias.count
            grid.write(count == 0 ? "Enter: word → ids" : "\(count) token\(count == 1 ? "" : "s") · Enter adds",
                       x: g.valueX, y: y, style: style(.sliderValue), limit: list.maxX)
        case .biasEntry(let token):
            let bias = pane.values.sampling.logitBias[token] ?? 0
            let word = pane.values.biasWords[token].map { quoted($0) } ?? ""
            // One column kept free: a long word is cut before it can run into a 7-wide value such as -100.00.
            grid.write(padded(" \(token) \(word)", to: g.labelWidth - 1), x: g.labelX, y: y, style: labelStyle)
            grid.write(padded(ParameterSpec.logitBias.format(bias), to: g.valueWidth, alignRight: true), x: g.valueX,
                       y: y, style: style(.sliderValue))
            bar(bias, range: ParameterSpec.logitBias.displayRange)
        }
    }

    static func drawFooter(_ pane: ParameterPane, engine: EngineChoice, footer: Rect, into grid: inout CellGrid) {
        guard !footer.isEmpty else { return }
        var lines: [(String, CellStyle)] = []
        if let notice = pane.notice {
            lines.append((notice.text, CellStyle(notice.isError ? .error : .statsLine)))
        } else if let input = pane.input {
            lines.append((inputLabel(input.target), CellStyle(.disabled)))
        } else if let (row, enabled) = pane.selectedRow(for: engine.family) {
            lines.append((enabled ? description(row) : pane.unusedReason(row, engine: engine), CellStyle(.disabled)))
        }
        // The message wraps over the footer; an open input keeps the last line for itself.
        let messageRows = footer.height - (pane.input == nil ? 0 : 1)
        if let (text, style) = lines.first, messageRows > 0 {
            let wrapped = LineWrapper.wrap(text, from: 0, width: footer.width)
            for (r, line) in wrapped.prefix(messageRows).enumerated() {
                var shown = String(text.slice(line.start, line.end))
                if r == messageRows - 1, wrapped.count > messageRows {
                    shown = truncated(String(text.slice(line.start, text.utf8.count)), to: footer.width)
                }
                grid.writeLine(shown, in: footer, row: r, style: style)
            }
        }
        guard let input = pane.input else { return }
        let y = footer.maxY - 1
        grid.writeLine("› ", in: Rect(x: footer.x, y: y, width: footer.width, height: 1), row: 0, style: CellStyle(.input, [.bold]))
        let x0 = footer.x + 2
        // Keep the cursor in view when the typed text is longer than the line.
        let before = DisplayWidth.of(input.line.text.slice(0, input.line.cursor))
        let room = max(1, footer.maxX - x0 - 1)
        var shown = Substring(input.line.text)
        var cursorX = x0 + before
        if before > room {
            var skip = before - room
            while skip > 0, let c = shown.first { skip -= DisplayWidth.of(c); shown = shown.dropFirst() }
            cursorX = x0 + before - (DisplayWidth.of(input.line.text) - DisplayWidth.of(shown))
        }
        grid.write(shown, x: x0, y: y, style: CellStyle(.input), limit: footer.maxX)
        grid.cursor = CellPosition(x: min(cursorX, footer.maxX - 1), y: y)
        if let c = grid.cursor { grid.restyle(Rect(x: c.x, y: c.y, width: 1, height: 1)) { $0 = CellStyle(.cursor, [.reverse]) } }
    }

    static func inputLabel(_ target: ParameterInput.Target) -> String {
        switch target {
        case .value(let spec): return "\(spec.displayName) (\(spec.rangeDescription)), Enter sets, Esc cancels"
        case .biasValue(let token): return "bias of token \(token) (-100…100)"
        case .stopString: return "stop string (\\n = line break)"
        case .biasWord: return "word to bias (Enter shows its token ids)"
        }
    }

    static func description(_ row: ParameterRow) -> String {
        switch row {
        case .slider(let spec):
            return "\(spec.displayName) \(spec.rangeDescription), default \(spec.format(spec.defaultValue)). \(spec.summary)"
        case .stopStrings: return "Enter adds (max \(SamplingParameters.maxStopStrings)), Del removes the last"
        case .logitBiasWord: return "Enter a word to see its token ids, then bias each id"
        case .biasEntry: return "bias -100…100 (←/→, Enter types), Del removes"
        }
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t") + "\""
    }
}
