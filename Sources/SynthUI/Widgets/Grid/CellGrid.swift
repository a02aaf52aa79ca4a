/// A cell's column and row.
public struct CellPosition: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public init(x: Int, y: Int) { self.x = x; self.y = y }
}

// The in-memory screen that views draw into; the terminal backend paints it (diffing against the previous frame).

public struct CellGrid: Sendable, Equatable {
    public private(set) var columns: Int
    public private(set) var rows: Int
    public private(set) var cells: [Cell]
    /// Where the terminal's cursor belongs (the prompt editor's insertion point), if anywhere.
    public var cursor: CellPosition?
    /// Pictures a view wants shown (the runtime decodes and draws them: SynthUI does no I/O).
    public var images: [ImagePlacement] = []

    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.cells = Array(repeating: .blank, count: self.columns * self.rows)
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * columns + x] }
    }

    /// Clears every cell to a blank of the given style.
    public mutating func clear(style: CellStyle = .plain) {
        images = []
        let blank = Cell(text: " ", width: 1, style: style)
        for i in cells.indices { cells[i] = blank }
    }

    /// Fills a rectangle with blanks of a style.
    public mutating func fill(_ rect: Rect, style: CellStyle) {
        let blank = Cell(text: " ", width: 1, style: style)
        for y in max(0, rect.y)..<min(rows, rect.maxY) {
            for x in max(0, rect.x)..<min(columns, rect.maxX) { set(x, y, blank) }
        }
    }

    /// Writes one grapheme at (x, y), keeping wide characters whole. Returns the cells used (0 if it did not fit).
    @discardableResult
    public mutating func put(_ character: Character, x: Int, y: Int, style: CellStyle, limit: Int? = nil) -> Int {
        let right = min(columns, limit ?? columns)
        guard y >= 0, y < rows, x >= 0, x < right else { return 0 }
        var width = DisplayWidth.of(character)
        var text = String(character)
        if let scalar = character.unicodeScalars.first, scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) {
            text = "\u{FFFD}"  // a control character would move the terminal's cursor: draw a placeholder
            width = 1
        }
        if width == 0 {
            // A lone combining mark: attach it to the grapheme on the left.
            var px = x - 1
            while px >= 0, cells[y * columns + px].isContinuation { px -= 1 }
            if px >= 0 { cells[y * columns + px].text += text }
            return 0
        }
        if width == 2, x + 1 >= right {
            set(x, y, Cell(text: " ", width: 1, style: style))  // no room for the second half: pad
            return 1
        }
        set(x, y, Cell(text: text, width: UInt8(width), style: style))
        if width == 2 { set(x + 1, y, Cell(text: "", width: 0, style: style)) }
        return width
    }

    /// Writes text left to right from (x, y), clipped at `limit` (exclusive column). Returns the column after the last cell.
    @discardableResult
    public mutating func write<S: StringProtocol>(_ text: S, x: Int, y: Int, style: CellStyle, limit: Int? = nil) -> Int {
        var cx = x
        let right = min(columns, limit ?? columns)
        for c in text {
            if cx >= right { break }
            let w = DisplayWidth.of(c)
            if w == 2, cx + 1 >= right { put(" ", x: cx, y: y, style: style); cx += 1; break }
            cx += put(c, x: cx, y: y, style: style, limit: right)
        }
        return cx
    }

    /// Sets one cell, repairing any wide character it cuts in half.
    mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        let i = y * columns + x
        if cells[i].isContinuation, x > 0, cells[i - 1].width == 2 {
            cells[i - 1] = Cell(text: " ", width: 1, style: cells[i - 1].style)
        }
        if cells[i].width == 2, x + 1 < columns, cell.width != 2 {
            cells[i + 1] = Cell(text: " ", width: 1, style: cells[i + 1].style)
        }
        cells[i] = cell
    }

    /// Re-styles a rectangle without changing its text (selection highlight, cursor).
    public mutating func restyle(_ rect: Rect, _ transform: (inout CellStyle) -> Void) {
        for y in max(0, rect.y)..<min(rows, rect.maxY) {
            for x in max(0, rect.x)..<min(columns, rect.maxX) { transform(&cells[y * columns + x].style) }
        }
    }

    /// The text of one row as a terminal would show it (continuation cells contribute nothing).
    public func text(ofRow y: Int) -> String {
        var s = ""
        for x in 0..<columns { s += cells[y * columns + x].text }
        return s
    }

    /// The whole screen as text, one line per row.
    public var text: String { (0..<rows).map { text(ofRow: $0) }.joined(separator: "\n") }
}
