import Dispatch
import Synchronization
import SynthUI

/// Writes sessions on a background queue, in order, so an fsync never stalls a frame.
final class SessionSaver: Sendable {
    let path: String
    private let queue = DispatchQueue(label: "synthpad.session-saver")
    private let failure = Mutex<String?>(nil)

    init(path: String) {
        self.path = path
    }

    func save(_ session: Session) {
        let path = self.path
        queue.async {
            do {
                try SessionFile.save(session, to: path)
                self.failure.withLock { $0 = nil }
            } catch {
                self.failure.withLock { $0 = "\(error)" }
            }
        }
    }

    /// Blocks until every queued save has been written; the last save's failure, if any.
    func finish() -> String? {
        queue.sync {}
        return failure.withLock { $0 }
    }
}
