// The presets list, drawn over the output pane: each preset's name and what it sets; the name being typed last.
import SynthKit

enum PresetPickerView {
    static func draw(_ picker: PresetPicker, presets: [Preset], over area: Rect, into grid: inout CellGrid) {
        guard area.width >= 12, area.height >= 4 else { return }
        grid.cursor = nil
        grid.fill(area, style: .plain)
        grid.drawFrame(area, title: "Presets · Enter use · n save as", focused: true)
        let inner = area.inset(1)
        let listHeight = inner.height - (picker.newName == nil ? 0 : 1)
        let top = max(0, picker.highlighted - listHeight + 1)
        for (row, index) in (top..<presets.count).prefix(listHeight).enumerated() {
            let preset = presets[index]
            let selected = index == picker.highlighted && picker.newName == nil
            let style = selected ? CellStyle(.focusedRow, [.bold]) : CellStyle(.text)
            let line = Rect(x: inner.x, y: inner.y + row, width: inner.width, height: 1)
            grid.writeLine((selected ? "▶ " : "  ") + padded(preset.name, to: 12) + " " + summary(preset), in: line,
                           row: 0, style: style)
        }
        guard let name = picker.newName else { return }
        let line = Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1)
        grid.writeLine("name: " + name.text, in: line, row: 0, style: CellStyle(.input, [.bold]))
        grid.cursor = CellPosition(x: min(line.x + 6 + DisplayWidth.of(name.text), line.maxX - 1), y: line.y)
    }

    /// What a preset changes from the defaults, in the sliders' words: `temperature 0.3 · top k 20`.
    static func summary(_ preset: Preset) -> String {
        var parts: [String] = []
        if let engine = preset.engine { parts.append(engine) }
        for spec in ParameterSpec.all {
            guard let value = preset.parameters.value(of: spec),
                  value != SamplingParameters.defaults.value(of: spec) else { continue }
            parts.append("\(spec.displayName.lowercased()) \(spec.format(value))")
        }
        return parts.isEmpty ? "the defaults" : parts.joined(separator: " · ")
    }
}
