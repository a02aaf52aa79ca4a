// Mouse: click focuses a pane and places the cursor, the wheel scrolls, dragging moves a slider.
import SynthKit

extension PlaygroundState {
    mutating func handle(mouse: MouseEvent, effects: inout [Effect]) {
        let layout = self.layout
        guard !layout.isTooSmall else { return }
        switch mouse.action {
        case .release:
            parameterPane.release()
        case .drag:
            if parameterPane.isDragging {
                if parameterPane.drag(x: mouse.x, layout: layout.parameterPane, family: engine.family) {
                    scheduleSave(effects: &effects)
                }
            } else if focus == .prompt,
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
                if parameterPane.press(x: mouse.x, y: mouse.y, layout: layout.parameterPane, family: engine.family) {
                    scheduleSave(effects: &effects)
                }
            case .output:
                if mouse.y == layout.output.y,
                   let span = OutputView.tabSpans(self).first(where: { $0.x.contains(mouse.x) }) {
                    selectOutputTab(span.index)
                }
            }
        }
    }
}
