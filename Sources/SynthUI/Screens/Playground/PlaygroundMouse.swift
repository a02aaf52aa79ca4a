// Mouse: click focuses a pane and places the cursor, the wheel scrolls, dragging moves a slider.
import SynthKit

extension PlaygroundState {
    mutating func handle(mouse: MouseEvent, effects: inout [Effect]) {
        let layout = self.layout
        guard !layout.isTooSmall else { return }
        switch mouse.action {
        case .release:
            draggingRow = nil
        case .drag:
            if let row = draggingRow { setSlider(row: row, column: mouse.x, effects: &effects) } else if focus == .prompt,
               layout.promptText.contains(x: mouse.x, y: mouse.y) {
                let area = layout.promptText
                editor.click(x: mouse.x - area.x, y: mouse.y - area.y, width: layout.promptWrapWidth, height: area.height,
                             extending: true)
            }
        case .wheelUp, .wheelDown:
            let delta = mouse.action == .wheelUp ? -3 : 3
            switch layout.pane(atX: mouse.x, y: mouse.y) {
            case .prompt: editor.scroll(by: delta, width: layout.promptWrapWidth)
            case .parameters: moveParameterCursor(by: delta > 0 ? 1 : -1)
            case .output: scrollOutput(by: delta)
            case nil: break
            }
        case .press:
            guard let pane = layout.pane(atX: mouse.x, y: mouse.y) else { return }
            if pane != .parameters { parameterInput = nil }
            if focus != pane {
                focus = pane
                revealPromptCursor()
                if outputFollows { followOutputEnd() } else { clampOutputScroll() }
            }
            switch pane {
            case .prompt:
                let area = layout.promptText
                guard area.contains(x: mouse.x, y: mouse.y) else { return }
                editor.click(x: mouse.x - area.x, y: mouse.y - area.y, width: layout.promptWrapWidth, height: area.height,
                             extending: false)
            case .parameters:
                let list = layout.parameterList
                guard list.contains(x: mouse.x, y: mouse.y) else { return }
                let index = ParametersView.listTop(self) + mouse.y - list.y
                let rows = parameterRows
                guard rows.indices.contains(index), rows[index].enabled else { return }
                parameterCursor = index
                parameterInput = nil
                if setSlider(row: index, column: mouse.x, effects: &effects) { draggingRow = index }
            case .output:
                if mouse.y == layout.output.y,
                   let span = OutputView.tabSpans(self).first(where: { $0.x.contains(mouse.x) }) {
                    selectOutputTab(span.index)
                }
            }
        }
    }

    /// Sets the slider in `row` from a column on its bar. Returns false when the column is not on the bar.
    @discardableResult
    mutating func setSlider(row index: Int, column x: Int, effects: inout [Effect]) -> Bool {
        let rows = parameterRows
        guard rows.indices.contains(index), rows[index].enabled else { return false }
        let list = layout.parameterList
        let geometry = SliderGeometry(x: list.x, width: list.width)
        switch rows[index].row {
        case .slider(let spec):
            guard let value = geometry.value(atColumn: x, spec: spec) else { return false }
            parameters.set(spec, to: value)
        case .biasEntry(let token):
            guard let value = geometry.value(atColumn: x, spec: ParameterSpec.logitBias) else { return false }
            parameters.sampling.logitBias[token] = value
        default:
            return false
        }
        scheduleSave(effects: &effects)
        return true
    }
}
