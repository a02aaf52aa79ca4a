// The prompt pane: visible rows of the editor, selection, cursor, token count.

enum PromptView {
    static func draw(_ state: PlaygroundState, into grid: inout CellGrid) {
        let layout = state.layout
        let focused = state.focus == .prompt
        grid.drawFrame(layout.prompt, title: title(state), focused: focused)
        let area = layout.promptText
        guard !area.isEmpty else { return }
        EditorView.draw(state.editor, in: area, width: layout.promptWrapWidth, focused: focused,
                        placeholder: "Type a prompt, then press F5 to run it.", into: &grid)
    }

    static func title(_ state: PlaygroundState) -> String {
        var title = "Prompt"
        let context = state.engine.contextLength
        let unit = state.engine.family == .booste ? "words" : "tokens"
        if let tokens = state.promptTokens {
            let stale = state.promptTokensRevision != state.editor.revision ? "~" : ""
            // Past the context the server drops the prompt's beginning: say so before it happens.
            let over = tokens + (state.engine.family == .booste ? 0 : state.parameters.sampling.maxTokens) > context
            title += " · \(stale)\(tokens)/\(context) \(unit)" + (over ? " ⚠ over context" : "")
        } else {
            title += " · ?/\(context) \(unit)"
        }
        return title
    }
}
