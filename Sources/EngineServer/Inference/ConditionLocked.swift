import Foundation

/// A value shared between threads that only exists behind its condition lock: `withLock` reads or changes it,
/// `wait(until:then:)` sleeps until a predicate on it holds. Not `Synchronization.Mutex`: on Linux that one locks
/// through atomics in the uninstrumented standard library, so Thread Sanitizer reports every guarded access as a
/// race. NSCondition is a pthread mutex and condition variable TSan knows.
final class ConditionLocked<Value>: @unchecked Sendable {  // `value` is only touched with `condition` held
    private let condition = NSCondition()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        condition.lock()
        defer { condition.unlock() }
        return try body(&value)
    }

    /// Changes the value and wakes the threads waiting for it.
    func withLockWaking<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        condition.lock()
        defer {
            condition.broadcast()
            condition.unlock()
        }
        return try body(&value)
    }

    /// Waits until `isReady` holds, then runs `body` without letting go of the lock in between.
    func wait<Result>(until isReady: (Value) -> Bool, then body: (inout Value) throws -> Result) rethrows -> Result {
        condition.lock()
        defer { condition.unlock() }
        while !isReady(value) { condition.wait() }
        return try body(&value)
    }
}
