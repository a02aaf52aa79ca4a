// Where the history screen's parts go: a frame; inside it the search line, the filter line and the list (or the
// open run or diff), and a line for notices at the bottom.

struct HistoryLayout {
    let frame: Rect
    let search: Rect
    let filters: Rect
    let list: Rect
    /// The open run or diff.
    let page: Rect
    let notice: Rect

    init(area: Rect) {
        frame = area
        let inner = Rect(x: area.x + 1, y: area.y + 1, width: max(0, area.width - 2), height: max(0, area.height - 2))
        func row(_ r: Int, _ height: Int = 1) -> Rect {
            Rect(x: inner.x, y: inner.y + r, width: inner.width, height: max(0, min(height, inner.height - r)))
        }
        search = row(0)
        filters = row(1)
        list = row(2, inner.height - 3)
        page = row(0, inner.height - 1)
        notice = inner.height >= 2 ? row(inner.height - 1) : .zero
    }
}
