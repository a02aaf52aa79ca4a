// Things drawn over the panes: help, the quit question, and the too-small notice.

enum HelpOverlay {
    static func draw(_ state: AppState, into grid: inout CellGrid) {
        let cols = state.columns, rows = state.rows
        // Entries flow down columns; as many columns as the width allows.
        var entries: [(text: String, title: Bool)] = []
        for group in KeyBindings.groups {
            if !entries.isEmpty { entries.append(("", false)) }
            entries.append((group.title, true))
            let keyWidth = group.bindings.map { DisplayWidth.of($0.keys) }.max() ?? 0
            for b in group.bindings { entries.append((padded(b.keys, to: keyWidth) + "  " + b.action, false)) }
        }
        let box = Rect(x: 1, y: 1, width: cols - 2, height: rows - 3)
        guard box.width > 10, box.height > 4 else { return }
        grid.fill(box, style: CellStyle(.overlay))
        grid.drawFrame(box, title: "Help · any key closes", focused: true)
        let inner = box.inset(1)
        let perColumn = max(1, inner.height)
        let columnsNeeded = (entries.count + perColumn - 1) / perColumn
        let columnWidth = max(10, inner.width / max(1, columnsNeeded))
        for (i, entry) in entries.enumerated() {
            let c = i / perColumn, r = i % perColumn
            let x = inner.x + c * columnWidth
            guard x < inner.maxX else { break }
            grid.write(truncated(entry.text, to: columnWidth - 1), x: x + (entry.title ? 0 : 1), y: inner.y + r,
                       style: CellStyle(entry.title ? .overlayTitle : .overlay, entry.title ? [.bold] : []),
                       limit: min(inner.maxX, x + columnWidth))
        }
    }
}

enum QuitQuestion {
    static func draw(_ state: AppState, into grid: inout CellGrid) {
        let text = "A request is running. Quit anyway? y / n"
        let width = min(state.columns - 2, DisplayWidth.of(text) + 4)
        let box = Rect(x: (state.columns - width) / 2, y: state.rows / 2 - 2, width: width, height: 3)
        grid.fill(box, style: CellStyle(.overlay))
        grid.drawFrame(box, title: "Quit", focused: true)
        grid.write(truncated(text, to: width - 4), x: box.x + 2, y: box.y + 1, style: CellStyle(.overlay, [.bold]),
                   limit: box.maxX - 1)
    }
}

enum TooSmallNotice {
    static func draw(_ state: AppState, into grid: inout CellGrid) {
        let lines = ["terminal too small",
                     "need \(Layout.minimumColumns)×\(Layout.minimumRows), have \(state.columns)×\(state.rows)",
                     "Ctrl-Q quits"]
        let top = max(0, (state.rows - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < state.rows {
            let t = truncated(line, to: state.columns)
            let x = max(0, (state.columns - DisplayWidth.of(t)) / 2)
            grid.write(t, x: x, y: top + i, style: CellStyle(i == 0 ? .error : .text, i == 0 ? [.bold] : []))
        }
    }
}
