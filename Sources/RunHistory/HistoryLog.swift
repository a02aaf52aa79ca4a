// RunHistory: every request synthpad sends and what came back, in a SQLite database (GRDB). Owns the schema and
// its migrations, search and the background writer. Imports SynthKit's answer types only: no curses, no UI.
import Foundation
import SynthKit

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
    /// Rows written for a tagged run, and credits measured before their run was written (the balance can answer
    /// before a cancelled stream's last callback): both keyed by the caller's tag.
    private var taggedRows: [String: Int64] = [:]
    private var creditsWaiting: [String: Int] = [:]

    /// `secrets` (the keys in use) are scrubbed from every run before it is written.
    public init(path: String = HistoryStore.defaultPath, secrets: [String] = [],
                warn: @escaping @Sendable (String) -> Void) {
        self.path = path
        self.secrets = secrets
        self.warn = warn
    }

    /// Logs `run` and returns once it is on disk (or failed): for a command about to exit.
    public func record(_ run: LoggedRun) {
        queue.sync { _ = write(run) }
    }

    /// Logs `run` in the background: for the TUI's event loop.
    public func recordLater(_ run: LoggedRun) {
        queue.async { _ = self.write(run) }
    }

    /// Logs `run` in the background under `tag`, so `creditsLater` can add what it cost once that is known.
    public func recordLater(_ run: LoggedRun, tag: String) {
        queue.async {
            var run = run
            if let credits = self.creditsWaiting.removeValue(forKey: tag) { run.credits = credits }
            if let id = self.write(run) { self.taggedRows[tag] = id }
        }
    }

    /// What the run logged under `tag` cost (API units, positive = spent), written to its row — or kept for it
    /// until it is written.
    public func creditsLater(_ credits: Int, tag: String) {
        queue.async {
            guard let id = self.taggedRows.removeValue(forKey: tag) else {
                self.creditsWaiting[tag] = credits
                return
            }
            self.attempt { try $0.setCredits(credits, id: id) }
        }
    }

    /// Waits until every run handed over so far is written.
    public func flush() {
        queue.sync {}
    }

    @discardableResult
    private func write(_ run: LoggedRun) -> Int64? {
        attempt { try $0.insert(run, scrubbing: self.secrets) }
    }

    /// Runs `body` on the store (opened if needed); a failure is told once and nil returned.
    @discardableResult
    private func attempt<T>(_ body: (HistoryStore) throws -> T) -> T? {
        do {
            if store == nil { store = try HistoryStore(path: path) }
            return try store.map(body)
        } catch {
            store = nil  // reopened next time: a lock may have been let go
            guard !warned else { return nil }
            warned = true
            warn("this run is not in the history (\(path): \(error)); further failures are not told")
            return nil
        }
    }
}
