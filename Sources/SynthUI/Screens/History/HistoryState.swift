// The history screen as one value: the search, the filters, the runs listed, and which run (or pair) is open.
import SynthKit

public struct HistoryState: Sendable, Equatable {
    /// What the screen shows: the list, one run read-only, or two runs' answers compared word by word.
    public enum View: Sendable, Equatable {
        case list
        case run(Int64)
        case diff(Int64, Int64)
    }

    public internal(set) var viewRect: Rect = .zero
    public var view: View = .list
    public var search = PromptEditor(text: "")
    public var engine: String?
    public var source: String?
    public var period: HistoryPeriod = .any
    public var starredOnly = false

    public var runs: [LoggedRun] = []
    public var facets = HistoryFacets()
    public var selected = 0
    /// First list row shown.
    public var listTop = 0
    /// First row of the open run or diff shown.
    public var pageTop = 0
    /// The run chosen as the first of a diff (Ctrl-D), waiting for the second.
    public var diffFirst: Int64?
    /// Del was pressed once on this run: a second press deletes it.
    public var confirmingDelete: Int64?

    /// The query in flight; answers to older ones are dropped.
    public var querySerial = 0
    public var isLoading = false
    /// Why the database cannot be read, while it cannot.
    public var problem: String?
    public var notice: Notice?

    public init() {}

    public var query: HistoryQuery {
        HistoryQuery(text: search.text, engine: engine, source: source, period: period, starredOnly: starredOnly)
    }

    public var selectedRun: LoggedRun? { runs.indices.contains(selected) ? runs[selected] : nil }

    /// The run the keys act on: the open one, else the selected one.
    public var currentRun: LoggedRun? {
        if case .run(let id) = view { return run(id) }
        return view == .list ? selectedRun : nil
    }

    func run(_ id: Int64) -> LoggedRun? { runs.first { $0.id == id } }

    /// What the open run or diff shows (nothing in the list).
    var pageTexts: [PaneText] {
        switch view {
        case .list: return []
        case .run(let id): return run(id).map(HistoryDetail.texts) ?? []
        case .diff(let a, let b):
            guard let first = run(a), let second = run(b) else { return [] }
            return HistoryDetail.diff(first, second)
        }
    }

    /// Typed characters go into the search while the list is shown.
    public var takesTyping: Bool { view == .list }
}
