// What can happen to the history screen, and what it asks for. The database is the runtime's: the screen only
// sends queries and changes as effects and hears back as events.
import SynthKit

public enum HistoryEvent: Sendable, Equatable {
    case key(KeyPress)
    case paste(String)
    /// A click in the list: the first chooses a run, a second on the chosen one opens it.
    case click(x: Int, y: Int)
    case resize(Rect)
    /// The screen was shown: list again (runs finished elsewhere meanwhile).
    case opened
    /// The answer to query `serial`: the runs, newest first, and every engine and source the history holds.
    case listed(serial: Int, runs: [LoggedRun], facets: HistoryFacets)
    /// The database could not be read or changed (locked, corrupt): said on the screen, nothing else stops.
    case failed(String)
    case starred(id: Int64, Bool)
    case deleted(id: Int64)
}

public enum HistoryEffect: Sendable, Equatable {
    /// Find the runs `query` asks for; answer `.listed` with the same serial, or `.failed`.
    case query(serial: Int, HistoryQuery)
    case setStarred(id: Int64, Bool)
    case delete(id: Int64)
    /// Put the run back into the screen it came from (prompt, parameters, engine); `run` also sends it again.
    case restore(LoggedRun, run: Bool)
}
