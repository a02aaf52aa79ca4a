import Foundation
import RunHistory
import SynthKit
import SynthUI

/// The history screen's database work: queries, stars and deletions on a serial queue of their own (the event loop
/// never waits on the disk), answered as events. A database that cannot be opened or read (locked, corrupt) is
/// answered with `.history(.failed)` each time — the screen says why — and opened afresh on the next ask.
final class HistoryBrowser: @unchecked Sendable {  // `store` is touched on `queue` only
    private let path: String
    private let post: @Sendable (Event) -> Void
    private let queue = DispatchQueue(label: "synthpad.history-browser")
    private var store: HistoryStore?

    init(path: String, post: @escaping @Sendable (Event) -> Void) {
        self.path = path
        self.post = post
    }

    func query(serial: Int, _ query: HistoryQuery) {
        attempt("read") { store in
            .listed(serial: serial, runs: try store.find(query), facets: try store.facets())
        }
    }

    func setStarred(_ starred: Bool, id: Int64) {
        attempt("change") { store in
            try store.setStarred(starred, id: id) ? .starred(id: id, starred) : Self.gone(id)
        }
    }

    func delete(id: Int64) {
        attempt("change") { store in
            try store.delete(id: id) ? .deleted(id: id) : Self.gone(id)
        }
    }

    private static func gone(_ id: Int64) -> HistoryEvent { .failed("run \(id) is no longer in the history") }

    private func attempt(_ verb: String, _ body: @escaping @Sendable (HistoryStore) throws -> HistoryEvent) {
        queue.async { [self] in
            do {
                if store == nil { store = try HistoryStore(path: path) }
                post(.history(try body(store!)))
            } catch {
                store = nil  // a lock may be let go, a file replaced: open again next time
                post(.history(.failed("cannot \(verb) the history (\(path)): \(error)")))
            }
        }
    }
}
