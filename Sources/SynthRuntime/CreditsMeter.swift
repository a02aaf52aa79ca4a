// What each request cost, on a backend that reports its balance but publishes no price (TextSynth's cloud): the
// balance is asked for after requests end, one ask at a time, and a change between two answers belongs to a
// request when it alone ended between the two asks. Requests that end together share an ask and are measured only
// together (nothing is attributed then). A request is billed when it ends, so the ones still running add nothing.
import SynthUI

struct CreditsMeter {
    private var lastBalance: Double?
    /// Requests that ended since the ask in flight was sent (the next ask covers them).
    private var endedSinceAsk: [RequestKey] = []
    /// The requests the ask in flight covers; nil when no ask is in flight.
    private var covered: [RequestKey]?

    /// A request ended (answered, failed or cancelled). Returns true when an ask should be sent now.
    mutating func requestEnded(_ key: RequestKey) -> Bool {
        endedSinceAsk.append(key)
        return wantBalance()
    }

    /// The balance is wanted (a refresh). Returns true when an ask should be sent now; while one is in flight its
    /// answer, newer than the wish, serves.
    mutating func wantBalance() -> Bool {
        guard covered == nil else { return false }
        covered = endedSinceAsk
        endedSinceAsk = []
        return true
    }

    /// The ask in flight answered (nil: it failed). Returns the request it measured, if it covered exactly one,
    /// and whether to ask again (requests ended meanwhile).
    mutating func answered(_ balance: Double?) -> (measured: (RequestKey, Double)?, askAgain: Bool) {
        let requests = covered ?? []
        covered = nil
        var measured: (RequestKey, Double)?
        if let balance {
            if let last = lastBalance, requests.count == 1 { measured = (requests[0], balance - last) }
            lastBalance = balance
        } else {
            // A failed ask breaks the chain: the next change cannot be told apart from these requests'.
            lastBalance = nil
        }
        let again = !endedSinceAsk.isEmpty
        if again { _ = wantBalance() }
        return (measured, again)
    }
}
