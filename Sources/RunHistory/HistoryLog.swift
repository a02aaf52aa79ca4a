// RunHistory: every request synthpad sends and what came back, in a SQLite database (GRDB). Owns the schema and
// its migrations, search and the background writer. Imports SynthKit's answer types only: no curses, no UI.
import Foundation

/// Where runs go as they finish: the store opened on first use, every write on one serial queue (the caller never
/// waits on the disk unless it asks to), and a database that cannot be opened or written (locked, corrupt,
/// unwritable) told once through `warn` — the run is then not logged, and nothing else stops.
public final class HistoryLog: @unchecked Sendable {  // all state is touched on `queue` only
    private let path: String
    private let secrets: [String]
    private let warn: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "synthpad.history")
    private var store: HistoryStore?
    private var warned = false

    /// `secrets` (the keys in use) are scrubbed from every run before it is written.
    public init(path: String = HistoryStore.defaultPath, secrets: [String] = [],
                warn: @escaping @Sendable (String) -> Void) {
        self.path = path
        self.secrets = secrets
        self.warn = warn
    }

    /// Logs `run` and returns once it is on disk (or failed): for a command about to exit.
    public func record(_ run: LoggedRun) {
        queue.sync { write(run) }
    }

    /// Logs `run` in the background: for the TUI's event loop.
    public func recordLater(_ run: LoggedRun) {
        queue.async { self.write(run) }
    }

    /// Waits until every run handed over so far is written.
    public func flush() {
        queue.sync {}
    }

    private func write(_ run: LoggedRun) {
        do {
            if store == nil { store = try HistoryStore(path: path) }
            try store?.insert(run, scrubbing: secrets)
        } catch {
            store = nil  // reopened next time: a lock may have been let go
            guard !warned else { return }
            warned = true
            warn("this run is not in the history (\(path): \(error)); further failures are not told")
        }
    }
}
