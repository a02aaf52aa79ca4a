// Moving through the prompt by grapheme, word and line; extending the selection with Shift.

extension PromptEditor {
    var length: Int { text.utf8.count }

    func offset(of index: String.Index) -> Int { text.utf8.distance(from: text.utf8.startIndex, to: index) }

    func graphemeStart(before offset: Int) -> Int {
        guard offset > 0 else { return 0 }
        return self.offset(of: text.index(before: text.stringIndex(utf8Offset: offset)))
    }

    func graphemeEnd(after offset: Int) -> Int {
        guard offset < length else { return length }
        return self.offset(of: text.index(after: text.stringIndex(utf8Offset: offset)))
    }

    static func isWordCharacter(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }

    /// Start of the word before `offset` (skipping the spaces and punctuation in between).
    func wordStart(before offset: Int) -> Int {
        var i = text.stringIndex(utf8Offset: offset)
        while i > text.startIndex, !Self.isWordCharacter(text[text.index(before: i)]) { i = text.index(before: i) }
        while i > text.startIndex, Self.isWordCharacter(text[text.index(before: i)]) { i = text.index(before: i) }
        return self.offset(of: i)
    }

    /// End of the word after `offset`.
    func wordEnd(after offset: Int) -> Int {
        var i = text.stringIndex(utf8Offset: offset)
        while i < text.endIndex, !Self.isWordCharacter(text[i]) { i = text.index(after: i) }
        while i < text.endIndex, Self.isWordCharacter(text[i]) { i = text.index(after: i) }
        return self.offset(of: i)
    }

    /// The wrapped rows of the piece starting at `start`.
    func rows(ofLineAt start: Int, width: Int) -> [WrappedLine] {
        var end = pieceEnd(startingAt: start)
        // "\r\n" is one grapheme: keep the "\r" out of the row so that it is never split.
        if end > start, text.utf8[text.stringIndex(utf8Offset: end - 1)] == 0x0D { end -= 1 }
        return LineWrapper.wrap(text, from: start, to: end, width: width)
    }

    /// Which row of its logical line the offset is on, and at which column.
    func position(of offset: Int, width: Int) -> (lineStart: Int, row: Int, column: Int) {
        let start = pieceStart(containing: offset)
        let rows = rows(ofLineAt: start, width: width)
        var r = 0
        while r + 1 < rows.count, offset >= rows[r + 1].start { r += 1 }
        let column = DisplayWidth.of(text.slice(rows[r].start, min(offset, rows[r].end)))
        return (start, r, column)
    }

    /// The offset in a row closest to a column (never past the row's end).
    func offset(in row: WrappedLine, column: Int) -> Int {
        var i = text.stringIndex(utf8Offset: row.start)
        let end = text.stringIndex(utf8Offset: row.end)
        var x = 0
        while i < end {
            let w = DisplayWidth.of(text[i])
            if x + w > column { break }
            x += w
            i = text.index(after: i)
        }
        return offset(of: i)
    }

    // MARK: Moves

    /// Moves the cursor; with `extending` the selection grows from where it was, otherwise it is dropped.
    mutating func move(to offset: Int, extending: Bool, keepColumn: Bool = false) {
        if extending {
            if anchor == nil { anchor = cursor }
        } else {
            anchor = nil
        }
        cursor = max(0, min(offset, length))
        if !keepColumn { preferredColumn = nil }
    }

    mutating func moveLeft(extending: Bool, word: Bool) {
        if !extending, !word, let sel = selection { move(to: sel.lowerBound, extending: false); return }
        move(to: word ? wordStart(before: cursor) : graphemeStart(before: cursor), extending: extending)
    }

    mutating func moveRight(extending: Bool, word: Bool) {
        if !extending, !word, let sel = selection { move(to: sel.upperBound, extending: false); return }
        move(to: word ? wordEnd(after: cursor) : graphemeEnd(after: cursor), extending: extending)
    }

    mutating func moveVertically(by delta: Int, width: Int, extending: Bool) {
        let here = position(of: cursor, width: width)
        let column = preferredColumn ?? here.column
        var lineStart = here.lineStart
        var rows = self.rows(ofLineAt: lineStart, width: width)
        var row = here.row
        var remaining = delta
        while remaining != 0 {
            if remaining < 0 {
                if row > 0 { row -= 1 } else if let previous = previousPieceStart(before: lineStart) {
                    lineStart = previous
                    rows = self.rows(ofLineAt: lineStart, width: width)
                    row = rows.count - 1
                } else { move(to: 0, extending: extending); return }
                remaining += 1
            } else {
                if row + 1 < rows.count { row += 1 } else {
                    guard let next = nextPieceStart(after: lineStart) else { move(to: length, extending: extending); return }
                    lineStart = next
                    rows = self.rows(ofLineAt: lineStart, width: width)
                    row = 0
                }
                remaining -= 1
            }
        }
        move(to: offset(in: rows[row], column: column), extending: extending, keepColumn: true)
        preferredColumn = column
    }

    mutating func moveToLineBoundary(end: Bool, extending: Bool) {
        move(to: end ? lineEnd(containing: cursor) : lineStart(containing: cursor), extending: extending)
    }

    mutating func moveToDocumentBoundary(end: Bool, extending: Bool) {
        move(to: end ? length : 0, extending: extending)
    }

    mutating func selectAll() {
        anchor = 0
        cursor = length
    }
}
