import Foundation

/// A value shared between threads behind a lock, with `Mutex`'s `withLock` shape. Not `Synchronization.Mutex`:
/// on Linux that one locks through atomics in the uninstrumented standard library, so Thread Sanitizer cannot see
/// its ordering and reports every guarded access as a race, hiding real ones. NSLock is a pthread mutex TSan knows.
public final class LockedValue<Value>: @unchecked Sendable {  // `value` is only touched under `lock`
    private let lock = NSLock()
    private var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
