// Things drawn over the panes: help, the quit question, and the too-small notice.

enum HelpOverlay {
    typealias Column = [(text: String, title: Bool)]

    static func box(_ state: AppState) -> Rect { Rect(x: 1, y: 0, width: state.columns - 2, height: state.rows - 1) }

    /// Every help line in columns of the box's height, the columns in pages of the box's width. Groups flow down the
    /// columns and are not split unless a group is taller than a column; a page holds as many columns as fit.
    static func pages(_ state: AppState) -> [[Column]] {
        let inner = box(state).inset(1)
        guard inner.width > 8, inner.height > 2 else { return [] }
        let groups = state.helpGroups
        let keyWidth = groups.flatMap(\.lines).map { DisplayWidth.of($0.keys) }.max() ?? 0
        var columns: [Column] = [[]]
        for group in groups {
            let block = [(group.title, true)] + group.lines.map { (padded($0.keys, to: keyWidth) + "  " + $0.action, false) }
            let used = columns[columns.count - 1].count
            if used > 0, used + 1 + block.count > inner.height { columns.append([]) }
            if !columns[columns.count - 1].isEmpty { columns[columns.count - 1].append(("", false)) }
            for entry in block {
                if columns[columns.count - 1].count >= inner.height { columns.append([]) }
                columns[columns.count - 1].append(entry)
            }
        }
        // Keys of at most 17 cells and actions of at most 21 make two columns of an 80-column screen.
        let perPage = max(1, inner.width / 38)
        return stride(from: 0, to: columns.count, by: perPage).map { Array(columns[$0..<min($0 + perPage, columns.count)]) }
    }

    static func draw(_ state: AppState, into grid: inout CellGrid) {
        let box = box(state)
        guard box.width > 10, box.height > 4 else { return }
        let pages = pages(state)
        let page = min(state.helpPage, max(0, pages.count - 1))
        grid.fill(box, style: CellStyle(.overlay))
        let paging = pages.count > 1 ? " · \(page + 1)/\(pages.count) PgDn/PgUp" : ""
        grid.drawFrame(box, title: "Help\(paging) · any other key closes", focused: true)
        guard pages.indices.contains(page) else { return }
        let inner = box.inset(1)
        let columnWidth = max(10, inner.width / max(1, pages[page].count))
        for (c, column) in pages[page].enumerated() {
            let x = inner.x + c * columnWidth
            guard x < inner.maxX else { break }
            for (r, entry) in column.enumerated() {
                grid.write(truncated(entry.text, to: columnWidth - 2), x: x + (entry.title ? 0 : 1), y: inner.y + r,
                           style: CellStyle(entry.title ? .overlayTitle : .overlay, entry.title ? [.bold] : []),
                           limit: min(inner.maxX, x + columnWidth))
            }
        }
    }
}

enum QuitQuestion {
    static func draw(_ state: AppState, into grid: inout CellGrid) {
        QuestionBox.draw("A request is running. Quit anyway? y / n", title: "Quit", state: state, into: &grid)
    }
}

/// A one-line y/n question in a box in the middle of the screen.
enum QuestionBox {
    static func draw(_ text: String, title: String, state: AppState, into grid: inout CellGrid) {
        let width = min(state.columns - 2, DisplayWidth.of(text) + 4)
        let box = Rect(x: (state.columns - width) / 2, y: state.rows / 2 - 2, width: width, height: 3)
        grid.fill(box, style: CellStyle(.overlay))
        grid.drawFrame(box, title: title, focused: true)
        grid.write(truncated(text, to: width - 4), x: box.x + 2, y: box.y + 1, style: CellStyle(.overlay, [.bold]),
                   limit: box.maxX - 1)
    }
}

enum TooSmallNotice {
    /// Each message line as phrases: on a narrow terminal a line breaks between phrases rather than losing its end
    /// to "…" (at 10 columns "terminal too small" must still say "too small").
    static func draw(_ state: AppState, into grid: inout CellGrid) {
        let messages: [(phrases: [String], separator: String, isHeading: Bool)] = [
            (["terminal", "too small"], " ", true),
            (["need \(Layout.minimumColumns)×\(Layout.minimumRows)", "have \(state.columns)×\(state.rows)"], ", ", false),
            (["Ctrl-Q quits"], " ", false),
        ]
        var lines: [(text: String, isHeading: Bool)] = []
        for message in messages {
            for line in packed(message.phrases, separator: message.separator, width: state.columns) {
                lines.append((line, message.isHeading))
            }
        }
        let top = max(0, (state.rows - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < state.rows {
            let t = truncated(line.text, to: state.columns)
            let x = max(0, (state.columns - DisplayWidth.of(t)) / 2)
            let style = line.isHeading ? CellStyle(.error, [.bold]) : CellStyle(.text)
            grid.write(t, x: x, y: top + i, style: style)
        }
    }

    /// Phrases joined by `separator` on as few lines of `width` as they fit (a phrase wider than that gets a line of
    /// its own, cut when drawn).
    static func packed(_ phrases: [String], separator: String, width: Int) -> [String] {
        var lines: [String] = []
        for phrase in phrases {
            if let last = lines.last, DisplayWidth.of(last + separator + phrase) <= width {
                lines[lines.count - 1] = last + separator + phrase
            } else {
                lines.append(phrase)
            }
        }
        return lines
    }
}
