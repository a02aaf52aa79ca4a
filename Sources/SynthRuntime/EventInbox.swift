import Glibc
import TerminalBackend

/// Events posted from other threads (transport callbacks, timers) for the main loop, plus the self-pipe
/// that wakes the loop out of `poll()` when one arrives.
public final class EventInbox<Event: Sendable>: Sendable {
    private let pending = LockedValue<[Event]>([])
    /// Read end (polled by the loop) and write end (one byte per post) of the wake pipe; both non-blocking.
    public let wakeReadDescriptor: Int32
    public let wakeWriteDescriptor: Int32

    public init() {
        var descriptors: [Int32] = [-1, -1]
        precondition(pipe(&descriptors) == 0, "cannot create the wake pipe")
        for descriptor in descriptors {
            _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) | O_NONBLOCK)
            _ = fcntl(descriptor, F_SETFD, FD_CLOEXEC)
        }
        wakeReadDescriptor = descriptors[0]
        wakeWriteDescriptor = descriptors[1]
    }

    deinit {
        close(wakeReadDescriptor)
        close(wakeWriteDescriptor)
    }

    /// Queues an event and wakes the loop. Safe from any thread.
    public func post(_ event: Event) {
        pending.withLock { $0.append(event) }
        wake()
    }

    /// Wakes the loop without an event. A full pipe already guarantees a wake-up, so a failed write is fine.
    public func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWriteDescriptor, &byte, 1)
    }

    /// Empties the pipe and hands over everything posted so far, in order.
    public func takeAll() -> [Event] {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(wakeReadDescriptor, &sink, sink.count) > 0 {}
        return pending.withLock { events in
            defer { events.removeAll(keepingCapacity: true) }
            return events
        }
    }
}
