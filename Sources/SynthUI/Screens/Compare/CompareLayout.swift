// Where the compare screen's parts go: side by side when each column gets enough cells, otherwise stacked rows,
// otherwise a pager with a tab strip. Never slivers.

public struct CompareLayout: Sendable, Equatable {
    /// Narrower than this, a column's text stops being readable side by side.
    public static let minimumColumnWidth = 24
    /// Lower than this, a stacked row shows too little text (frame, header, 2 text lines, stats).
    public static let minimumStackedHeight = 6

    public enum Arrangement: Sendable, Equatable {
        case sideBySide
        case stacked
        case pager
    }

    public let arrangement: Arrangement
    /// The prompt, one line at the top.
    public let promptLine: Rect
    /// The tab strip of the pager (empty otherwise).
    public let tabStrip: Rect
    /// Totals and key hints, one line at the bottom.
    public let statusLine: Rect
    /// Each column's frame, or nil when the pager hides it.
    public let columnFrames: [Rect?]
    /// The width every column's output is wrapped at.
    public let wrapWidth: Int

    public init(area: Rect, state: CompareState) {
        self.init(area: area, count: state.columns.count, focused: state.focusedColumn,
                  forcePager: state.narrowMode == .pager)
    }

    public init(area: Rect, count: Int, focused: Int, forcePager: Bool = false) {
        promptLine = Rect(x: area.x, y: area.y, width: area.width, height: min(1, area.height))
        statusLine = Rect(x: area.x, y: area.maxY - 1, width: area.width, height: area.height >= 2 ? 1 : 0)
        let body = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 2)
        let count = max(1, count)
        if !forcePager, body.width / count >= Self.minimumColumnWidth {
            arrangement = .sideBySide
            let width = body.width / count
            tabStrip = .zero
            columnFrames = (0..<count).map { i in
                let extra = i == count - 1 ? body.width - width * count : 0
                return Rect(x: body.x + i * width, y: body.y, width: width + extra, height: body.height)
            }
            wrapWidth = max(1, width - 2)
        } else if !forcePager, body.height / count >= Self.minimumStackedHeight {
            arrangement = .stacked
            let height = body.height / count
            tabStrip = .zero
            columnFrames = (0..<count).map { i in
                let extra = i == count - 1 ? body.height - height * count : 0
                return Rect(x: body.x, y: body.y + i * height, width: body.width, height: height + extra)
            }
            wrapWidth = max(1, body.width - 2)
        } else {
            arrangement = .pager
            tabStrip = Rect(x: body.x, y: body.y, width: body.width, height: min(1, body.height))
            let frame = Rect(x: body.x, y: body.y + 1, width: body.width, height: body.height - 1)
            columnFrames = (0..<count).map { $0 == focused ? frame : nil }
            wrapWidth = max(1, body.width - 2)
        }
    }

    /// Inside a column's frame: the variant line, the output text and the stats line.
    public static func parts(of frame: Rect) -> (header: Rect, text: Rect, stats: Rect) {
        let inner = frame.inset(1)
        let header = Rect(x: inner.x, y: inner.y, width: inner.width, height: min(1, inner.height))
        let stats = Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: inner.height >= 2 ? 1 : 0)
        let text = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2)
        return (header, text, stats)
    }
}
