import Dispatch
import TerminalBackend
import Foundation
import SynthUI

/// Writes sessions on a background queue, in order, so an fsync never stalls a frame.
final class SessionSaver: Sendable {
    let path: String
    private let queue = DispatchQueue(label: "synthpad.session-saver")
    private let failure = LockedValue<String?>(nil)

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

    /// The compare screen's and the scratchpad's inputs, beside the session (`session.json` → `session.modes.json`).
    var modesPath: String { Self.modesPath(besides: path) }

    static func modesPath(besides sessionPath: String) -> String {
        let base = sessionPath.hasSuffix(".json") ? String(sessionPath.dropLast(5)) : sessionPath
        return base + ".modes.json"
    }

    func save(_ modes: ModesSession) {
        let path = modesPath
        queue.async {
            // Secondary to the session: a failure here is not worth an exit status.
            guard let data = try? JSONEncoder().encode(modes) else { return }
            try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
        }
    }

    /// The saved modes' inputs, if there is a readable file.
    static func loadModes(besides sessionPath: String) -> ModesSession? {
        guard let data = FileManager.default.contents(atPath: modesPath(besides: sessionPath)) else { return nil }
        return try? JSONDecoder().decode(ModesSession.self, from: data)
    }

    /// Blocks until every queued save has been written; the last save's failure, if any.
    func finish() -> String? {
        queue.sync {}
        return failure.withLock { $0 }
    }
}
