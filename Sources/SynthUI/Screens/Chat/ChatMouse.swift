// Mouse: a click focuses a pane (and chooses a message or a parameter), the wheel scrolls the conversation,
// dragging moves a slider.

extension ChatState {
    mutating func handle(mouse: MouseEvent, effects: inout [ChatEffect]) {
        let layout = self.layout
        let family = engine.family
        switch mouse.action {
        case .release: parameterPane.release()
        case .drag:
            if parameterPane.drag(x: mouse.x, layout: ParameterPaneLayout(frame: layout.parameters), family: family) {
                effects.append(.save)
            }
        case .wheelUp, .wheelDown:
            guard layout.transcript.contains(x: mouse.x, y: mouse.y) else { return }
            let rows = ChatTranscript.rows(self, width: layout.transcriptWrapWidth)
            let height = layout.transcriptText.height
            let top = transcriptTop(rowCount: rows.count, height: height) + (mouse.action == .wheelUp ? -3 : 3)
            scrollRow = top >= rows.count - height ? nil : max(0, top)
        case .press:
            let panes: [(ChatFocus, Rect)] = [(.composer, layout.composer), (.transcript, layout.transcript),
                                              (.system, layout.system), (.parameters, layout.parameters)]
            guard let (pane, _) = panes.first(where: { $0.1.contains(x: mouse.x, y: mouse.y) }) else { return }
            if pane != .parameters { parameterPane.input = nil }
            focus = pane
            switch pane {
            case .parameters:
                if parameterPane.press(x: mouse.x, y: mouse.y, layout: ParameterPaneLayout(frame: layout.parameters),
                                       family: family) {
                    effects.append(.save)
                }
            case .transcript:
                let area = layout.transcriptText
                guard area.contains(x: mouse.x, y: mouse.y) else { return }
                let rows = ChatTranscript.rows(self, width: layout.transcriptWrapWidth)
                let index = transcriptTop(rowCount: rows.count, height: area.height) + mouse.y - area.y
                if rows.indices.contains(index), let turn = rows[index].turn { selectedTurn = turn }
            case .composer, .system:
                let editorArea = pane == .composer ? layout.composerText : layout.systemText
                guard editorArea.contains(x: mouse.x, y: mouse.y) else { return }
                let width = pane == .composer ? layout.composerWrapWidth : layout.systemWrapWidth
                if pane == .composer {
                    composer.click(x: mouse.x - editorArea.x, y: mouse.y - editorArea.y, width: width,
                                   height: editorArea.height, extending: false)
                } else {
                    system.click(x: mouse.x - editorArea.x, y: mouse.y - editorArea.y, width: width,
                                 height: editorArea.height, extending: false)
                }
            }
        }
    }
}
