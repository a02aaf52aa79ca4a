// The prompt pane: visible rows of the editor, selection, cursor, token count.

enum PromptView {
    static func draw(_ state: PlaygroundState, into grid: inout CellGrid) {
        let layout = state.layout
        let focused = state.focus == .prompt
        grid.drawFrame(layout.prompt, title: title(state), focused: focused)
        let area = layout.promptText
        guard !area.isEmpty else { return }
        let editor = state.editor
        if editor.text.isEmpty {
            grid.write("Type a prompt, then press F5 to run it.", x: area.x, y: area.y,
                       style: CellStyle(.disabled, [.dim]), limit: area.maxX)
        }
        let rows = editor.visibleRows(width: layout.promptWrapWidth, height: area.height)
        let selection = editor.selection
        let text = editor.text
        for (r, row) in rows.enumerated() {
            let y = area.y + r
            var x = area.x
            var offset = row.start
            var i = text.stringIndex(utf8Offset: row.start)
            let end = text.stringIndex(utf8Offset: row.end)
            while i < end {
                let c = text[i]
                let selected = selection?.contains(offset) ?? false
                let style = CellStyle(selected ? .selection : .promptText)
                if focused, offset == editor.cursor { grid.cursor = CellPosition(x: x, y: y) }
                if c == "\t" { x += grid.put(" ", x: x, y: y, style: style, limit: area.maxX) } else {
                    x += grid.put(c, x: x, y: y, style: style, limit: area.maxX)
                }
                offset += c.utf8.count
                i = text.index(after: i)
            }
            // The cursor after the last grapheme of a row: on this row unless the next row starts here.
            if focused, editor.cursor == row.end {
                let nextStartsHere = r + 1 < rows.count && rows[r + 1].start == row.end
                if !nextStartsHere { grid.cursor = CellPosition(x: min(x, area.maxX - 1), y: y) }
            }
        }
        if focused, let c = grid.cursor, area.contains(x: c.x, y: c.y) {
            grid.restyle(Rect(x: c.x, y: c.y, width: 1, height: 1)) { $0 = CellStyle(.cursor, [.reverse]) }
        }
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
