// An editor's visible rows drawn into an area: text, selection, and the cursor when focused.

enum EditorView {
    /// Draws `editor` wrapped at `width` into `area`; `placeholder` shows, dimmed, while it is empty.
    static func draw(_ editor: PromptEditor, in area: Rect, width: Int, focused: Bool, placeholder: String,
                     into grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        if editor.text.isEmpty {
            grid.write(placeholder, x: area.x, y: area.y, style: CellStyle(.disabled, [.dim]), limit: area.maxX)
        }
        let rows = editor.visibleRows(width: width, height: area.height)
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
}
