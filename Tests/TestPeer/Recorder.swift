// TEST SUPPORT (part of the TestPeer test-double library, never shipped): collects what other threads post (stream
// events, runtime events, log lines) in arrival order, for a test to wait on without sleeping.
import Foundation

/// A thread-safe, ordered log of `Element`s. `isEnd` marks the element that ends what is recorded (a stream's
/// terminal event); the time it arrived is kept.
public final class Recorder<Element: Sendable>: @unchecked Sendable {  // state only touched under `condition`
    private let condition = NSCondition()
    private var stored: [Element] = []
    private var ended: Date?
    private let isEnd: @Sendable (Element) -> Bool
    public let startedAt = Date()

    public init(isEnd: @escaping @Sendable (Element) -> Bool = { _ in false }) {
        self.isEnd = isEnd
    }

    /// Appends `element` (from any thread) and wakes the waiters.
    public func record(_ element: Element) {
        condition.lock()
        stored.append(element)
        if ended == nil, isEnd(element) { ended = Date() }
        condition.broadcast()
        condition.unlock()
    }

    /// Everything recorded so far, in order.
    public var all: [Element] {
        condition.lock()
        defer { condition.unlock() }
        return stored
    }

    /// When the first ending element arrived.
    public var endedAt: Date? {
        condition.lock()
        defer { condition.unlock() }
        return ended
    }

    /// Waits until `predicate` holds for what was recorded, or `timeout` passes; whether it held.
    @discardableResult
    public func waitUntil(timeout: Double = 5, _ predicate: ([Element]) -> Bool) -> Bool {
        let limit = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !predicate(stored) {
            if !condition.wait(until: limit) { return predicate(stored) }
        }
        return true
    }

    /// Waits until the last element recorded is an ending one; that element, or nil after `timeout`.
    @discardableResult
    public func waitForEnd(timeout: Double = 5) -> Element? {
        waitUntil(timeout: timeout) { $0.last.map(isEnd) == true }
        return all.last.flatMap { isEnd($0) ? $0 : nil }
    }

    /// Waits as `waitUntil` does; what was recorded either way.
    public func wait(timeout: Double = 5, until done: ([Element]) -> Bool) -> [Element] {
        waitUntil(timeout: timeout, done)
        return all
    }
}
