// Source and translations side by side, line by line: each source line and its translations start on the same row,
// wrapped within their own pane, the shorter padded with blank rows.

/// A stretch of a pane's text in a given style (UTF-8 offsets), e.g. a word lost on the round trip.
public struct StyledSpan: Sendable, Equatable {
    public var range: Range<Int>
    public var style: CellStyle
    public init(_ range: Range<Int>, _ style: CellStyle) {
        self.range = range
        self.style = style
    }
}

/// What one pane shows for one source line.
public struct PaneText: Sendable, Equatable {
    public var text: String
    public var style: CellStyle
    public var spans: [StyledSpan]
    public init(_ text: String, style: CellStyle = CellStyle(.outputText), spans: [StyledSpan] = []) {
        self.text = text
        self.style = style
        self.spans = spans
    }

    func style(at offset: Int) -> CellStyle {
        spans.first { $0.range.contains(offset) }?.style ?? style
    }
}

/// One screen row of the aligned panes.
public struct AlignedRow: Sendable, Equatable {
    /// The source line this row belongs to.
    public var line: Int
    /// Which of the line's wrapped rows this is (0 = where the line starts in every pane).
    public var rowInLine: Int
    /// For each pane, the wrapped piece of its text on this row, or nil (padding).
    public var pieces: [WrappedLine?]
}

public enum TranslationAlignment {
    /// Aligns panes: `panes[p][line]` is pane p's text for source line `line` (nil: nothing yet).
    /// Every line gets at least one row, so blank lines keep paragraphs apart in all panes.
    public static func align(panes: [[PaneText?]], widths: [Int]) -> [AlignedRow] {
        let lineCount = panes.map(\.count).max() ?? 0
        var rows: [AlignedRow] = []
        for line in 0..<lineCount {
            let wrapped: [[WrappedLine]] = panes.indices.map { p in
                guard panes[p].indices.contains(line), let text = panes[p][line] else { return [] }
                return LineWrapper.wrap(text.text, from: 0, width: max(1, widths[p]))
            }
            let height = max(1, wrapped.map(\.count).max() ?? 1)
            for r in 0..<height {
                rows.append(AlignedRow(line: line, rowInLine: r,
                                       pieces: wrapped.map { r < $0.count ? $0[r] : nil }))
            }
        }
        return rows
    }

    /// The first row of each source line.
    public static func firstRows(_ rows: [AlignedRow]) -> [Int: Int] {
        var first: [Int: Int] = [:]
        for (i, row) in rows.enumerated() where first[row.line] == nil { first[row.line] = i }
        return first
    }
}
