// The parameters pane: one row per parameter (value, bar, range), stop strings, logit bias, and a footer line.
import Foundation
import SynthKit

enum ParametersView {
    /// First row shown: scrolls just enough to keep the selected row visible.
    static func listTop(_ state: AppState) -> Int {
        let height = state.layout.parameterList.height
        return max(0, state.parameterCursor - height + 1)
    }

    static func draw(_ state: AppState, into grid: inout CellGrid) {
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

    static func drawRow(_ row: ParameterRow, enabled: Bool, selected: Bool, focused: Bool, state: AppState, y: Int,
                        list: Rect, geometry g: SliderGeometry, into grid: inout CellGrid) {
        func style(_ role: ThemeRole) -> CellStyle {
            enabled ? CellStyle(role) : CellStyle(.disabled, [.dim])
        }
        let labelStyle = selected && focused ? CellStyle(.focusedRow, [.bold]) : style(.sliderLabel)
        if selected { grid.put(focused ? "▶" : "›", x: list.x, y: y, style: labelStyle) }
        func bar(_ value: Double, range: ClosedRange<Double>) {
            let filled = g.filled(value, in: range)
            for k in 0..<g.barWidth {
                grid.put(k < filled ? "━" : "─", x: g.barX + k, y: y, style: style(k < filled ? .sliderBar : .sliderTrack))
            }
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
            grid.write(padded(" \(token) \(word)", to: g.labelWidth), x: g.labelX, y: y, style: labelStyle)
            grid.write(padded(ParameterSpec.logitBias.format(bias), to: g.valueWidth, alignRight: true), x: g.valueX,
                       y: y, style: style(.sliderValue))
            bar(bias, range: ParameterSpec.logitBias.displayRange)
        }
    }

    static func drawFooter(_ state: AppState, into grid: inout CellGrid) {
        let footer = state.layout.parameterFooter
        guard !footer.isEmpty else { return }
        if let input = state.parameterInput {
            let label: String
            switch input.target {
            case .value(let spec): label = "\(spec.displayName) (\(spec.rangeDescription)): "
            case .biasValue(let token): label = "bias of \(token) (-100…100): "
            case .stopString: label = "stop string (\\n = newline): "
            case .biasWord: label = "word to bias: "
            }
            grid.writeLine(label, in: footer, row: 0, style: CellStyle(.input, [.bold]))
            let x0 = footer.x + min(DisplayWidth.of(label), footer.width - 1)
            let end = grid.write(input.line.text, x: x0, y: footer.y, style: CellStyle(.input), limit: footer.maxX)
            let cursorX = x0 + DisplayWidth.of(input.line.text.slice(0, input.line.cursor))
            grid.cursor = CellPosition(x: min(cursorX, footer.maxX - 1), y: footer.y)
            if end < footer.maxX { grid.restyle(Rect(x: cursorX, y: footer.y, width: 1, height: 1)) { $0 = CellStyle(.cursor, [.reverse]) } }
            return
        }
        if let notice = state.parameterNotice {
            grid.writeLine(notice.text, in: footer, row: 0, style: CellStyle(notice.isError ? .error : .statsLine))
            return
        }
        guard let (row, enabled) = state.selectedParameterRow else { return }
        var text: String
        switch row {
        case .slider(let spec):
            text = "\(spec.displayName) \(spec.rangeDescription), default \(spec.format(spec.defaultValue))"
        case .stopStrings: text = "Enter adds (max \(SamplingParameters.maxStopStrings)), Del removes last"
        case .logitBiasWord: text = "Enter a word to see its token ids"
        case .biasEntry: text = "bias -100…100 · ←/→ · Del removes"
        }
        if !enabled { text = "not used by \(state.engine.displayName)" }
        grid.writeLine(text, in: footer, row: 0, style: CellStyle(.disabled))
    }

    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\t", with: "\\t") + "\""
    }
}
