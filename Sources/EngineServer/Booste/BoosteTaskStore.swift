// Booste tasks by id: started by /async/start, read by /async/check/v2, forgotten after a while.

import Foundation
import SynthWire

final class BoosteTaskStore: @unchecked Sendable {
    enum State: Sendable, Equatable {
        case started
        case finished([String])
        case failed(String)
    }

    private struct Entry {
        var state: State
        var updated: Date
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private let lifetime: TimeInterval

    init(lifetime: TimeInterval) { self.lifetime = lifetime }

    /// A new task in the "Started" state; expired finished tasks are dropped on the way.
    func create() -> String {
        let id = UUID().uuidString.lowercased()
        lock.withLock {
            let now = Date()
            entries = entries.filter { $0.value.state == .started || now.timeIntervalSince($0.value.updated) < lifetime }
            entries[id] = Entry(state: .started, updated: now)
        }
        return id
    }

    func finish(_ id: String, with state: State) {
        let waiters: [CheckedContinuation<Void, Never>] = lock.withLock {
            guard var entry = entries[id] else { return [] }
            entry.state = state
            entry.updated = Date()
            let waiting = entry.waiters
            entry.waiters = []
            entries[id] = entry
            return waiting
        }
        waiters.forEach { $0.resume() }
    }

    func state(of id: String) -> State? { lock.withLock { entries[id]?.state } }

    /// Waits until the task is no longer "Started" (synchronous mode).
    func waitUntilDone(_ id: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow: Bool = lock.withLock {
                guard var entry = entries[id], entry.state == .started else { return true }
                entry.waiters.append(continuation)
                entries[id] = entry
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// The check answer as Booste shapes it: Status and TaskID while running or failed, Status and Output when done.
    func checkAnswer(for id: String) -> BoosteCheckAnswer? {
        guard let state = state(of: id) else { return nil }
        switch state {
        case .started: return BoosteCheckAnswer(status: .pending("Started"), taskID: id)
        case .failed: return BoosteCheckAnswer(status: .failed, taskID: id)
        case let .finished(words): return BoosteCheckAnswer(status: .finished, output: words)
        }
    }
}
