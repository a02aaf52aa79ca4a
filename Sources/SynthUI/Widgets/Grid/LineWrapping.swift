// Greedy word wrapping by display width, in UTF-8 offsets so that lines can be kept and extended incrementally.

/// One screen line of wrapped text: the UTF-8 offsets of its text (a line break is not included) and its width in cells.
public struct WrappedLine: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public var width: Int
    public init(start: Int, end: Int, width: Int) {
        self.start = start
        self.end = end
        self.width = width
    }
}

enum LineWrapper {
    /// Wraps `text` from UTF-8 offset `from` (a line start on a grapheme boundary) to `to` (default: the end).
    /// The last line is always returned, even when empty, so that a cursor or appended text has a line to live on.
    /// Breaks after spaces when a word does not fit; breaks inside a word only when it is longer than the width.
    /// Greedy wrapping never changes a line once a later line exists: that is what makes appending incremental.
    static func wrap(_ text: String, from: Int, to: Int? = nil, width rawWidth: Int) -> [WrappedLine] {
        let width = max(1, rawWidth)
        let utf8 = text.utf8
        var index = utf8.index(utf8.startIndex, offsetBy: from)
        let endOffset = to ?? utf8.count
        let endIndex = utf8.index(utf8.startIndex, offsetBy: endOffset)
        var lines: [WrappedLine] = []
        var lineStart = from
        var column = 0
        var breakAt = -1  // offset just after the last space on this line
        var widthAfterBreak = 0
        var offset = from
        while index < endIndex {
            let c = text[index]
            let length = c.utf8.count
            index = text.index(after: index)
            if c == "\n" || c == "\r\n" {
                lines.append(WrappedLine(start: lineStart, end: offset, width: column))
                offset += length
                lineStart = offset
                column = 0
                breakAt = -1
                widthAfterBreak = 0
                continue
            }
            let w = c == "\t" ? 1 : DisplayWidth.of(c)
            let isSpace = c == " " || c == "\t"
            if column + w > width, column > 0 {
                if isSpace {
                    // A space that does not fit hangs at the end of the line (drawing clips it).
                    offset += length
                    lines.append(WrappedLine(start: lineStart, end: offset, width: width))
                    lineStart = offset
                    column = 0
                    breakAt = -1
                    widthAfterBreak = 0
                    continue
                }
                if breakAt > lineStart {
                    lines.append(WrappedLine(start: lineStart, end: breakAt, width: column - widthAfterBreak))
                    lineStart = breakAt
                    column = widthAfterBreak
                    breakAt = -1
                }
                if column + w > width, column > 0 {
                    lines.append(WrappedLine(start: lineStart, end: offset, width: column))
                    lineStart = offset
                    column = 0
                    widthAfterBreak = 0
                }
            }
            column += w
            if isSpace {
                breakAt = offset + length
                widthAfterBreak = 0
            } else {
                widthAfterBreak += w
            }
            offset += length
        }
        lines.append(WrappedLine(start: lineStart, end: offset, width: column))
        return lines
    }
}

extension String {
    /// The text between two UTF-8 offsets (both on grapheme boundaries). O(1) to locate for native strings.
    func slice(_ start: Int, _ end: Int) -> Substring {
        let u = utf8
        let a = u.index(u.startIndex, offsetBy: start)
        let b = u.index(u.startIndex, offsetBy: end)
        return self[a..<b]
    }

    func stringIndex(utf8Offset offset: Int) -> String.Index {
        utf8.index(utf8.startIndex, offsetBy: offset)
    }
}
