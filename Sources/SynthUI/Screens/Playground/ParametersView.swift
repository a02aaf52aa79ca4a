// The parameters pane: one row per parameter (value, bar, range), stop strings, logit bias, and a footer line.
import Foundation
import SynthKit

enum ParametersView {
    /// First row shown: scrolls just enough to keep the selected row visible.
    static func listTop(_ state: PlaygroundState) -> Int {
        let height = state.layout.parameterList.height
        return max(0, state.parameterCursor - height + 1)
    }

    static func draw(_ state: PlaygroundState, into grid: inout CellGrid) {
        let layout = state.layout
        let focused = state.focus == .parameters
        grid.drawFrame(layout.parameters, title: "Parameters · \(state.engine.displayName)", focused: focused)
        let list = layout.parameterList
        guard !list.isEmpty else { return }
        let rows = state.parameterRows
        let top = listTop(state)
        let geometry = SliderGeometry(x: list.x, width: list.width)
        for r in 0..<list.height {
            let i = top + r
            guard rows.indices.contains(i) else { break }
            let (row, enabled) = rows[i]
            let selected = i == state.parameterCursor && enabled
            drawRow(row, enabled: enabled, selected: selected, focused: focused, state: state, y: list.y + r,
                    list: list, geometry: geometry, into: &grid)
        }
        drawFooter(state, into: &grid)
    }

    static func drawRow(_ row: ParameterRow, enabled: Bool, selected: Bool, focused: Bool, state: PlaygroundState, y: Int,
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
            let value = state.parameters.value(of: spec)
            grid.write(padded(shortLabel(spec), to: g.labelWidth), x: g.labelX, y: y, style: labelStyle)
            grid.write(padded(spec.format(value), to: g.valueWidth, alignRight: true), x: g.valueX, y: y,
                       style: style(.sliderValue))
            bar(value, range: spec.displayRange)
            if g.rangeWidth > 0 {
                grid.write(padded(spec.rangeDescription, to: g.rangeWidth), x: g.rangeX, y: y, style: style(.disabled),
                           limit: list.maxX)
            }
        case .stopStrings:
            let stops = state.parameters.sampling.stop
            grid.write(padded("stop", to: g.labelWidth), x: g.labelX, y: y, style: labelStyle)
            let shown = stops.isEmpty ? "none (Enter adds)"
                : "\(stops.count)/\(SamplingParameters.maxStopStrings) " + stops.map { quoted($0) }.joined(separator: " ")
            grid.write(shown, x: g.valueX, y: y, style: style(.sliderValue), limit: list.maxX)
        case .logitBiasWord:
            grid.write(padded("logit bias", to: g.labelWidth), x: g.labelX, y: y, style: labelStyle)
            let count = state.parameters.sampling.logitBias.count
            grid.write(count == 0 ? "Enter: word → ids" : "\(count) token\(count == 1 ? "" : "s") · Enter adds",
                       x: g.valueX, y: y, style: style(.sliderValue), limit: list.maxX)
        case .biasEntry(let token):
            let bias = state.parameters.sampling.logitBias[token] ?? 0
            let word = state.parameters.biasWords[token].map { quoted($0) } ?? ""
            // One column kept free: a long word is cut before it can run into a 7-wide value such as -100.00.
            grid.write(padded(" \(token) \(word)", to: g.labelWidth - 1), x: g.labelX, y: y, style: labelStyle)
            grid.write(padded(ParameterSpec.logitBias.format(bias), to: g.valueWidth, alignRight: true), x: g.valueX,
                       y: y, style: style(.sliderValue))
            bar(bias, range: ParameterSpec.logitBias.displayRange)
        }
    }

    static func drawFooter(_ state: PlaygroundState, into grid: inout CellGrid) {
        let footer = state.layout.parameterFooter
        guard !footer.isEmpty else { return }
        var lines: [(String, CellStyle)] = []
        if let notice = state.parameterNotice {
            lines.append((notice.text, CellStyle(notice.isError ? .error : .statsLine)))
        } else if let input = state.parameterInput {
            lines.append((inputLabel(input.target), CellStyle(.disabled)))
        } else if let (row, enabled) = state.selectedParameterRow {
            lines.append((enabled ? description(row) : "not used by \(state.engine.displayName)", CellStyle(.disabled)))
        }
        // The message wraps over the footer; an open input keeps the last line for itself.
        let messageRows = footer.height - (state.parameterInput == nil ? 0 : 1)
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
        guard let input = state.parameterInput else { return }
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
