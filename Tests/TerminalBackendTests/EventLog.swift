import Foundation
import SynthUI

/// Collects the events the runtime's API requests post from their transport threads, for the tests to wait on.
final class EventLog: @unchecked Sendable {  // `events` is only touched under `lock`
    private let lock = NSLock()
    private var events: [Event] = []

    func post(_ event: Event) { lock.withLock { events.append(event) } }

    var all: [Event] { lock.withLock { events } }

    /// Polls until `done` holds or `timeout` passes; what arrived either way.
    func wait(timeout: Double = 5, until done: ([Event]) -> Bool) -> [Event] {
        let deadline = Date(timeIntervalSinceNow: timeout)
        while !done(all), Date() < deadline { usleep(5_000) }
        return all
    }
}
