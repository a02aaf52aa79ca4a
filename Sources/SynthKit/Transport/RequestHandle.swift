import Foundation

/// A request in flight. `cancel()` stops it at once (well under 1 ms here): the transfer loop is woken,
/// the connection closed, and the request's callback receives `.cancelled` once.
public final class RequestHandle: @unchecked Sendable {
    private let condition = NSCondition()
    private var cancelled = false
    private var finished = false
    /// Wakes whatever the transport thread is blocked in (curl_multi_poll).
    private var wake: (() -> Void)?

    public init() {}

    public func cancel() {
        condition.lock()
        defer { condition.unlock() }
        cancelled = true
        condition.broadcast()
        // Called under the lock: the transport removes the wake-up (under the same lock) before it frees
        // what the wake-up touches, so it can never run on a freed curl handle.
        wake?()
    }

    public var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    public var isFinished: Bool {
        condition.lock()
        defer { condition.unlock() }
        return finished
    }

    /// Blocks until the request's final callback has returned; false on timeout.
    @discardableResult
    public func waitUntilFinished(timeout: Double = .infinity) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        guard timeout.isFinite else {
            while !finished { condition.wait() }
            return true
        }
        let limit = Date(timeIntervalSinceNow: timeout)
        while !finished {
            if !condition.wait(until: limit) { return finished }
        }
        return true
    }

    // MARK: transport side

    /// Sleeps up to `seconds`; returns false at once when cancelled.
    func sleep(_ seconds: Double) -> Bool {
        let limit = Date(timeIntervalSinceNow: seconds)
        condition.lock()
        defer { condition.unlock() }
        while !cancelled {
            if !condition.wait(until: limit) { break }
        }
        return !cancelled
    }

    /// Installs (or with nil removes) the wake-up of the current transfer; calls it at once if already cancelled.
    func setWake(_ wake: (() -> Void)?) {
        condition.lock()
        defer { condition.unlock() }
        self.wake = wake
        if cancelled { wake?() }
    }

    func markFinished() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }
}
