// The history screen on screen: the search and filters over the list of runs, or one run read-only, or a diff.
import SynthKit

public func renderHistory(_ state: HistoryState, in rect: Rect, into grid: inout CellGrid) {
    grid.fill(rect, style: .plain)
    let layout = HistoryLayout(area: rect)
    grid.drawFrame(layout.frame, title: HistoryView.title(state), focused: true)
    if state.view == .list {
        HistoryView.drawSearch(state, layout: layout, into: &grid)
        HistoryView.drawList(state, in: layout.list, into: &grid)
    } else {
        HistoryView.drawPage(state.pageTexts, top: state.pageTop, in: layout.page, into: &grid)
    }
    if let (text, style) = HistoryView.status(state) {
        grid.writeLine(truncated(text, to: layout.notice.width), in: layout.notice, row: 0, style: style)
    }
}

enum HistoryView {
    static func title(_ state: HistoryState) -> String {
        switch state.view {
        case .list:
            let count = state.runs.count
            return "History · \(count) run\(count == 1 ? "" : "s")" + (count >= state.query.limit ? " (the newest)" : "")
        case .run(let id): return "Run \(id) · read-only"
        case .diff(let a, let b): return "Run \(a) → run \(b) · first answers, word by word"
        }
    }

    static func drawSearch(_ state: HistoryState, layout: HistoryLayout, into grid: inout CellGrid) {
        guard !layout.search.isEmpty else { return }
        let label = "Search: "
        let x = grid.write(label, x: layout.search.x, y: layout.search.y, style: CellStyle(.paneTitle), limit: layout.search.maxX)
        let field = Rect(x: x, y: layout.search.y, width: max(0, layout.search.maxX - x), height: 1)
        EditorView.draw(state.search, in: field, width: max(1, field.width), focused: true,
                        placeholder: "type words to find (prompts, system prompts, answers)", into: &grid)
        guard !layout.filters.isEmpty else { return }
        let filters = "F4 engine: \(state.engine ?? "any") · F6 from: \(state.source ?? "any") · F7 \(state.period.label)"
            + " · F8 \(state.starredOnly ? "★ starred only" : "all runs")"
            + (state.diffFirst.map { " · diff from run \($0)" } ?? "")
        grid.writeLine(truncated(filters, to: layout.filters.width), in: layout.filters, row: 0, style: CellStyle(.statsLine))
    }

    static func drawList(_ state: HistoryState, in area: Rect, into grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        if state.runs.isEmpty, state.problem == nil {
            let empty = state.isLoading ? "reading the history…"
                : state.query == HistoryQuery() ? "No runs yet: every request from every screen and command is kept here."
                : "No run matches the search and filters."
            grid.writeWrapped(empty, in: area, style: CellStyle(.disabled, [.dim]))
            return
        }
        for (r, run) in state.runs.enumerated().dropFirst(state.listTop).prefix(area.height) {
            let selected = r == state.selected
            let style = selected ? CellStyle(.focusedRow, [.bold]) : run.error != nil ? CellStyle(.error) : CellStyle(.text)
            grid.writeLine(HistoryRow.text(run, width: area.width), in: area, row: r - state.listTop, style: style)
        }
    }

    /// Styled texts wrapped to the area, from row `top` (kept so the last row stays at the bottom).
    static func drawPage(_ texts: [PaneText], top: Int, in area: Rect, into grid: inout CellGrid) {
        guard !area.isEmpty else { return }
        let rows = pageRows(texts, width: area.width)
        let first = max(0, min(top, rows.count - area.height))
        for (r, (piece, index)) in rows.dropFirst(first).prefix(area.height).enumerated() {
            TranslatePadView.draw(piece, of: texts[index], x: area.x, y: area.y + r, limit: area.maxX, into: &grid)
        }
    }

    /// Each screen row of the texts wrapped to `width`: the piece and which text it belongs to.
    static func pageRows(_ texts: [PaneText], width: Int) -> [(WrappedLine, Int)] {
        texts.enumerated().flatMap { index, text in
            LineWrapper.wrap(text.text, from: 0, width: max(1, width)).map { ($0, index) }
        }
    }

    /// The bottom line: the database's problem, a notice, or what the keys in reach do.
    static func status(_ state: HistoryState) -> (String, CellStyle)? {
        if let problem = state.problem { return ("✗ " + problem, CellStyle(.error)) }
        if let notice = state.notice { return (notice.text, CellStyle(notice.isError ? .error : .statsLine)) }
        return nil
    }
}
