@preconcurrency import CNCurses
import SynthUI

extension TerminalScreen {
    /// Paints the cells that differ from the last painted grid (all of them after a resize or `resume`),
    /// then refreshes once, then writes the pictures of a pixel protocol (`graphics`) when they are new or the
    /// screen was repainted. Returns how many cells were written.
    @discardableResult
    public func paint(_ grid: CellGrid, graphics: [GraphicsOverlay] = []) -> Int {
        let window = sp_stdscr()
        let graphicsChanged = graphics != lastGraphics
        if graphicsChanged, !lastGraphics.isEmpty {
            // A picture that moved or went away is still on the terminal: erase it and repaint every cell.
            let erase = Set(lastGraphics.map(\.erase)).sorted().joined()
            if !erase.isEmpty { writeToTerminal(erase) }
            clearok(window, true)
            lastPainted = nil
        }
        let rows = min(grid.rows, Int(sp_lines()))
        let columns = min(grid.columns, Int(sp_cols()))
        let previous = lastPainted.flatMap { $0.rows == grid.rows && $0.columns == grid.columns ? $0 : nil }
        if previous == nil { werase(window) }
        var painted = 0
        var character = cchar_t()
        // Room for curses' limit of one spacing character plus four combining marks, and the terminator.
        var scalars = [wchar_t](repeating: 0, count: 6)
        grid.cells.withUnsafeBufferPointer { cells in
            for y in 0..<rows {
                let rowStart = y * grid.columns
                for x in 0..<columns {
                    let cell = cells[rowStart + x]
                    if let previous, previous.cells[rowStart + x] == cell { continue }
                    // The right half of a wide character is drawn by its left half.
                    if cell.isContinuation { continue }
                    Self.fill(&scalars, with: cell.text)
                    let attributes = colorPairs.attributes(for: cell.style)
                    setcchar(&character, scalars, attributes, colorPairs.pair(for: cell.style), nil)
                    mvwadd_wch(window, Int32(y), Int32(x), &character)
                    painted += 1
                }
            }
        }
        placeCursor(grid.cursor, rows: rows, columns: columns)
        wrefresh(window)
        if !graphics.isEmpty, graphicsChanged || previous == nil {
            // Saved and restored around each picture: curses must find the cursor where it left it.
            for picture in graphics where picture.y < rows && picture.x < columns {
                writeToTerminal("\u{1B}7\u{1B}[\(picture.y + 1);\(picture.x + 1)H" + picture.bytes + "\u{1B}8")
            }
        }
        lastGraphics = graphics
        FrameLog.shared?.framePainted(cells: painted)
        lastPainted = grid
        cellsPaintedLastFrame = painted
        cellsPaintedTotal += painted
        return painted
    }

    /// Shows the terminal's cursor where the UI wants it (the editor's insertion point, which helps input
    /// methods and screen readers), or hides it.
    private func placeCursor(_ position: CellPosition?, rows: Int, columns: Int) {
        let window = sp_stdscr()
        if let position, (0..<rows).contains(position.y), (0..<columns).contains(position.x) {
            leaveok(window, false)
            wmove(window, Int32(position.y), Int32(position.x))
            setCursorVisible(true)
        } else {
            leaveok(window, true)
            setCursorVisible(false)
        }
    }

    /// The grapheme's scalars, NUL-terminated; a blank for empty text.
    private static func fill(_ buffer: inout [wchar_t], with text: String) {
        var count = 0
        for scalar in text.unicodeScalars where count < buffer.count - 1 {
            buffer[count] = wchar_t(bitPattern: scalar.value)
            count += 1
        }
        if count == 0 {
            buffer[0] = 0x20
            count = 1
        }
        buffer[count] = 0
    }
}
