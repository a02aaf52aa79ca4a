// Which rows of the prompt are on screen. Only rows near the cursor are ever wrapped, so a 1 MB prompt stays responsive.

extension PromptEditor {
    /// The rows to draw in a pane of `height` rows, each `width` cells wide, from the scroll position down.
    public func visibleRows(width: Int, height: Int) -> [WrappedLine] {
        visibleRowPositions(width: width, height: height).map(\.line)
    }

    /// Visible rows with the logical line and row index each one is.
    func visibleRowPositions(width: Int, height: Int) -> [(lineStart: Int, row: Int, line: WrappedLine)] {
        guard height > 0 else { return [] }
        var result: [(lineStart: Int, row: Int, line: WrappedLine)] = []
        var start = pieceStart(containing: min(scrollLineStart, length))
        var rows = self.rows(ofLineAt: start, width: width)
        var row = min(scrollRow, rows.count - 1)
        while result.count < height {
            result.append((start, row, rows[row]))
            if row + 1 < rows.count { row += 1; continue }
            guard let next = nextPieceStart(after: start) else { break }
            start = next
            rows = self.rows(ofLineAt: start, width: width)
            row = 0
        }
        return result
    }

    /// Scrolls the least needed to show the cursor.
    mutating func revealCursor(width: Int, height: Int) {
        guard height > 0 else { return }
        let here = position(of: cursor, width: width)
        if scrollLineStart > length { scrollLineStart = 0; scrollRow = 0 }
        scrollLineStart = pieceStart(containing: scrollLineStart)
        if (here.lineStart, here.row) < (scrollLineStart, scrollRow) {
            scrollLineStart = here.lineStart
            scrollRow = here.row
            return
        }
        // Walk down at most `height` rows from the top; if the cursor is among them, nothing to do.
        if let last = visibleRowPositions(width: width, height: height).last,
           (here.lineStart, here.row) <= (last.lineStart, last.row) {
            return
        }
        // Otherwise put the cursor's row at the bottom: walk `height - 1` rows back from it.
        var lineStart = here.lineStart
        var row = here.row
        var back = height - 1
        while back > 0 {
            if row >= back { row -= back; back = 0; break }
            back -= row + 1
            guard let previous = previousPieceStart(before: lineStart) else { row = 0; back = 0; break }
            lineStart = previous
            row = rows(ofLineAt: lineStart, width: width).count - 1
        }
        scrollLineStart = lineStart
        scrollRow = row
    }

    /// Scrolls by whole rows (wheel), without moving the cursor.
    mutating func scroll(by delta: Int, width: Int) {
        var lineStart = pieceStart(containing: min(scrollLineStart, length))
        var row = scrollRow
        var remaining = delta
        while remaining < 0 {
            if row > 0 { row -= 1 } else if let previous = previousPieceStart(before: lineStart) {
                lineStart = previous
                row = rows(ofLineAt: lineStart, width: width).count - 1
            } else { break }
            remaining += 1
        }
        while remaining > 0 {
            let count = rows(ofLineAt: lineStart, width: width).count
            if row + 1 < count { row += 1 } else {
                guard let next = nextPieceStart(after: lineStart) else { break }
                lineStart = next
                row = 0
            }
            remaining -= 1
        }
        scrollLineStart = lineStart
        scrollRow = row
    }

    /// Moves the cursor to the cell clicked, (x, y) relative to the text area.
    mutating func click(x: Int, y: Int, width: Int, height: Int, extending: Bool) {
        let rows = visibleRows(width: width, height: height)
        guard !rows.isEmpty else { return }
        let row = rows[min(max(0, y), rows.count - 1)]
        move(to: offset(in: row, column: max(0, x)), extending: extending)
    }
}
