import Glibc
import TerminalBackend

/// The wait at the heart of the main loop: `poll()` on the terminal input and the inbox's wake pipe,
/// with no timeout unless a deadline asks for one. An idle playground therefore sleeps in the kernel.
public final class EventLoop<Event: Sendable> {
    /// `poll(2)`'s shape, so tests can count or fake the waits.
    public typealias Poller = (UnsafeMutablePointer<pollfd>, nfds_t, Int32) -> Int32

    /// What ended one wait.
    public struct Wake {
        /// The terminal has bytes to read.
        public var inputReady = false
        /// The terminal went away (hang-up or error on the input descriptor); stop waiting on it.
        public var inputClosed = false
        /// Events posted through the inbox, in order.
        public var events: [Event] = []
    }

    public let inbox: EventInbox<Event>
    public let inputDescriptor: Int32?
    private let poller: Poller
    /// How many times `poll` returned: a measure of wake-ups for tests and benchmarks.
    public private(set) var wakeCount = 0

    public init(inputDescriptor: Int32?, inbox: EventInbox<Event> = EventInbox(), poller: @escaping Poller = { poll($0, $1, $2) }) {
        self.inputDescriptor = inputDescriptor
        self.inbox = inbox
        self.poller = poller
    }

    /// Sleeps until terminal input, a posted event, or `deadline` (nil: no deadline). A signal (SIGWINCH)
    /// also ends the wait; the caller then reads input, where curses reports KEY_RESIZE.
    public func wait(until deadline: ContinuousClock.Instant?) -> Wake {
        var descriptors = [pollfd(fd: inbox.wakeReadDescriptor, events: Int16(POLLIN), revents: 0)]
        if let inputDescriptor {
            descriptors.append(pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0))
        }
        let result = descriptors.withUnsafeMutableBufferPointer {
            poller($0.baseAddress!, nfds_t($0.count), Self.timeoutMilliseconds(until: deadline))
        }
        wakeCount += 1
        var wake = Wake()
        if result > 0 {
            if descriptors.count > 1 {
                let revents = Int32(descriptors[1].revents)
                wake.inputReady = revents & Int32(POLLIN) != 0
                // A hang-up may come with the last bytes (POLLIN too): the caller reads them, then leaves.
                // Waiting on a hung-up descriptor again would return at once, forever.
                wake.inputClosed = revents & Int32(POLLHUP | POLLERR | POLLNVAL) != 0
            }
            if descriptors[0].revents != 0 { wake.events = inbox.takeAll() }
        } else if result < 0 {
            if errno == EINTR {
                // Interrupted by a signal: a resize shows up as input (KEY_RESIZE); check for it.
                wake.inputReady = true
            } else {
                // poll itself failed (a closed descriptor): waiting again would spin, so give up the terminal.
                wake.inputClosed = true
            }
        }
        return wake
    }

    /// Milliseconds until `deadline`, rounded up so the wait never ends early; -1 waits forever.
    static func timeoutMilliseconds(until deadline: ContinuousClock.Instant?,
                                    now: ContinuousClock.Instant = .now) -> Int32 {
        guard let deadline else { return -1 }
        let remaining = now.duration(to: deadline)
        if remaining <= .zero { return 0 }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }
}
