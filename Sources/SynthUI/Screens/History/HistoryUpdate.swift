// The history screen's update: one event in, effects out. Pure: the database answers through events.
import SynthKit

public func updateHistory(state: inout HistoryState, event: HistoryEvent) -> [HistoryEffect] {
    var effects: [HistoryEffect] = []
    switch event {
    case .key(let key): state.handle(key: key, effects: &effects)
    case .paste(let text):
        guard state.isList else { break }
        state.search.insert(String(text.map { $0 == "\n" || $0 == "\r\n" ? " " : $0 }))
        state.requery(effects: &effects)
    case .click(let x, let y):
        let list = HistoryLayout(area: state.viewRect).list
        guard state.isList, list.contains(x: x, y: y) else { break }
        let row = state.listTop + y - list.y
        guard state.runs.indices.contains(row) else { break }
        if row == state.selected, let id = state.selectedRun?.id { state.show(.run(id)) } else { state.selected = row }
    case .resize(let rect): state.viewRect = rect
    case .opened: state.requery(effects: &effects)
    case .listed(let serial, let runs, let facets):
        guard serial == state.querySerial else { break }
        let keep = state.selectedRun?.id
        state.runs = runs
        state.facets = facets
        state.isLoading = false
        state.problem = nil
        state.selected = runs.firstIndex { $0.id == keep && keep != nil } ?? 0
        state.keepSelectionShown()
        if state.view != .list, state.pageTexts.isEmpty { state.view = .list }  // its run is gone
    case .failed(let message):
        state.isLoading = false
        state.problem = message
    case .starred(let id, let starred):
        if let index = state.runs.firstIndex(where: { $0.id == id }) { state.runs[index].starred = starred }
        state.notice = Notice(starred ? "run \(id) starred" : "run \(id) unstarred")
    case .deleted(let id):
        state.runs.removeAll { $0.id == id }
        state.selected = min(state.selected, max(0, state.runs.count - 1))
        if state.diffFirst == id { state.diffFirst = nil }
        if state.view != .list { state.view = .list }
        state.notice = Notice("run \(id) deleted")
    }
    return effects
}

extension HistoryState {
    /// Rows of the list that fit (the search and filter lines and the notice line take the rest).
    var listHeight: Int { max(1, HistoryLayout(area: viewRect).list.height) }

    mutating func handle(key: KeyPress, effects: inout [HistoryEffect]) {
        if key != KeyPress(.delete) { confirmingDelete = nil }
        guard let action = Self.keys.action(for: key, in: self) else { return }
        notice = nil
        switch action {
        case .edit(let edit):
            let before = search.text
            search.apply(edit, key: key, width: max(1, viewRect.width), page: 1)
            if search.text != before { requery(effects: &effects) }
        case .clearSearch:
            search.replaceAll(with: "")
            requery(effects: &effects)
        case .select:
            selected = max(0, min(runs.count - 1, selected + (key.key == .up ? -1 : 1)))
            keepSelectionShown()
        case .page:
            selected = max(0, min(runs.count - 1, selected + (key.key == .pageUp ? -listHeight : listHeight)))
            keepSelectionShown()
        case .open:
            if let id = selectedRun?.id { show(.run(id)) }
        case .back: view = .list
        case .scroll: scrollPage(key)
        case .restore, .rerun:
            if let run = currentRun { effects.append(.restore(run, run: action == .rerun)) }
        case .star:
            if let run = currentRun, let id = run.id { effects.append(.setStarred(id: id, !run.starred)) }
        case .diff: markForDiff()
        case .delete:
            guard let id = currentRun?.id else { break }
            if confirmingDelete == id {
                confirmingDelete = nil
                effects.append(.delete(id: id))
            } else {
                confirmingDelete = id
                notice = Notice("Del again deletes run \(id) for good", isError: true)
            }
        case .engineFilter:
            engine = Self.cycle(engine, through: facets.engines, back: key.modifiers.contains(.shift))
            requery(effects: &effects)
        case .sourceFilter:
            source = Self.cycle(source, through: facets.sources, back: key.modifiers.contains(.shift))
            requery(effects: &effects)
        case .periodFilter:
            let all = HistoryPeriod.allCases
            let step = key.modifiers.contains(.shift) ? all.count - 1 : 1
            period = all[((all.firstIndex(of: period) ?? 0) + step) % all.count]
            requery(effects: &effects)
        case .starredFilter:
            starredOnly.toggle()
            requery(effects: &effects)
        }
    }

    /// Asks for the runs the search and filters now describe.
    mutating func requery(effects: inout [HistoryEffect]) {
        querySerial += 1
        isLoading = true
        effects.append(.query(serial: querySerial, query))
    }

    mutating func show(_ view: View) {
        self.view = view
        pageTop = 0
    }

    /// The first Ctrl-D marks a run; the second, on another run, opens the diff of the two.
    mutating func markForDiff() {
        guard let id = currentRun?.id else { return }
        guard let first = diffFirst, first != id, run(first) != nil else {
            diffFirst = id
            notice = Notice("run \(id) marked: Ctrl-D on another run shows how their answers differ")
            return
        }
        diffFirst = nil
        show(.diff(first, id))
    }

    mutating func keepSelectionShown() {
        if selected < listTop { listTop = selected }
        if selected >= listTop + listHeight { listTop = selected - listHeight + 1 }
        listTop = max(0, min(listTop, max(0, runs.count - listHeight)))
    }

    mutating func scrollPage(_ key: KeyPress) {
        let area = HistoryLayout(area: viewRect).page
        let page = max(1, area.height - 1)
        switch key.key {
        case .up: pageTop -= 1
        case .down: pageTop += 1
        case .pageUp: pageTop -= page
        case .pageDown, .character(" "): pageTop += page
        case .home: pageTop = 0
        case .end: pageTop = Int.max / 2
        default: break
        }
        let rows = HistoryView.pageRows(pageTexts, width: area.width).count
        pageTop = max(0, min(pageTop, rows - area.height))
    }

    /// The next value of a filter: nil (any), then each value in turn, then nil again.
    static func cycle(_ current: String?, through values: [String], back: Bool) -> String? {
        let options: [String?] = [nil] + values.map { $0 }
        let index = options.firstIndex(of: current) ?? 0
        let next = (index + (back ? options.count - 1 : 1)) % options.count
        return options[next]
    }
}
