// Pane borders with a title.

extension CellGrid {
    /// Draws a box around `rect` with `title` in its top edge.
    mutating func drawFrame(_ rect: Rect, title: String, focused: Bool) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let border = CellStyle(focused ? .focusedBorder : .paneBorder)
        let (h, v) = focused ? ("━", "┃") : ("─", "│")
        let corners = focused ? ("┏", "┓", "┗", "┛") : ("┌", "┐", "└", "┘")
        for x in rect.x + 1..<rect.maxX - 1 {
            put(Character(h), x: x, y: rect.y, style: border)
            put(Character(h), x: x, y: rect.maxY - 1, style: border)
        }
        for y in rect.y + 1..<rect.maxY - 1 {
            put(Character(v), x: rect.x, y: y, style: border)
            put(Character(v), x: rect.maxX - 1, y: y, style: border)
        }
        put(Character(corners.0), x: rect.x, y: rect.y, style: border)
        put(Character(corners.1), x: rect.maxX - 1, y: rect.y, style: border)
        put(Character(corners.2), x: rect.x, y: rect.maxY - 1, style: border)
        put(Character(corners.3), x: rect.maxX - 1, y: rect.maxY - 1, style: border)
        if !title.isEmpty, rect.width > 4 {
            write(" \(title) ", x: rect.x + 1, y: rect.y, style: CellStyle(focused ? .focusedTitle : .paneTitle),
                  limit: rect.maxX - 1)
        }
    }

    /// Writes text clipped to a rectangle's row, padding the rest of the row with blanks of the same style.
    mutating func writeLine<S: StringProtocol>(_ text: S, in rect: Rect, row: Int, style: CellStyle) {
        let y = rect.y + row
        guard row >= 0, row < rect.height else { return }
        let end = write(text, x: rect.x, y: y, style: style, limit: rect.maxX)
        if end < rect.maxX { fill(Rect(x: end, y: y, width: rect.maxX - end, height: 1), style: style) }
    }

    /// Writes text wrapped at word boundaries into a rectangle, as many lines as fit (a message is never cut at the
    /// pane's edge when there is room below).
    public mutating func writeWrapped(_ text: String, in area: Rect, style: CellStyle) {
        let lines = LineWrapper.wrap(text, from: 0, width: max(1, area.width))
        for (r, line) in lines.prefix(area.height).enumerated() {
            writeLine(text.slice(line.start, line.end), in: area, row: r, style: style)
        }
    }
}

/// Shortens text to a display width, ending with "…" when cut.
func truncated(_ text: String, to width: Int) -> String {
    guard width > 0 else { return "" }
    if DisplayWidth.of(text) <= width { return text }
    var out = ""
    var w = 0
    for c in text {
        let cw = DisplayWidth.of(c)
        if w + cw > width - 1 { break }
        out.append(c)
        w += cw
    }
    return out + "…"
}

/// Shortens text to a display width from its start, beginning with "…" when cut (a path keeps its file name).
func truncatedFromStart(_ text: String, to width: Int) -> String {
    guard width > 0 else { return "" }
    if DisplayWidth.of(text) <= width { return text }
    var kept: [Character] = []
    var w = 0
    for c in text.reversed() {
        let cw = DisplayWidth.of(c)
        if w + cw > width - 1 { break }
        kept.append(c)
        w += cw
    }
    return "…" + String(kept.reversed())
}

/// Pads text with spaces to a display width (cutting it when longer).
func padded(_ text: String, to width: Int, alignRight: Bool = false) -> String {
    let t = truncated(text, to: width)
    let pad = String(repeating: " ", count: max(0, width - DisplayWidth.of(t)))
    return alignRight ? pad + t : t + pad
}
