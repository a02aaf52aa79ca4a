// What the request handlers and the inference thread share: the jobs waiting for a slot and the counters the
// server reports. It only exists inside `ConditionLocked`, so every read and change holds the lock.

import Foundation

struct SchedulerQueue {
    private(set) var waiting: [InferenceJob] = []
    private(set) var isStopping = false
    /// Sequences that hold a slot (set by the inference thread, read by the engine listing and tests).
    var activeSequences = 0
    /// Prompt tokens whose evaluation was skipped because a kept cache or a leader already held them.
    var reusedPromptTokens = 0

    /// Sequences admitted in part or not at all, still waiting for a slot.
    var queuedSequences: Int { waiting.reduce(0) { $0 + $1.sequences - $1.admitted } }

    /// Appends `job` if its sequences fit in the free slots plus `maxQueued` waiting places; otherwise says why not.
    /// Checking and appending are one step: two requests can never both take the last place.
    mutating func enqueue(_ job: InferenceJob, maxActive: Int, maxQueued: Int) -> APIError? {
        if isStopping { return .shuttingDown }
        let queued = queuedSequences
        let free = max(0, maxActive - activeSequences)
        guard queued + job.sequences <= free + maxQueued else { return .busy(queued: queued) }
        waiting.append(job)
        return nil
    }

    /// Refuses new jobs from now on (the inference thread then fails those still waiting).
    mutating func stop() { isStopping = true }

    /// Empties the queue, handing back what was in it.
    mutating func removeAll() -> [InferenceJob] {
        defer { waiting.removeAll() }
        return waiting
    }

    /// Drops the cancelled jobs from the queue and returns them.
    mutating func removeCancelled() -> [InferenceJob] {
        let cancelled = waiting.filter(\.isCancelled)
        waiting.removeAll(where: \.isCancelled)
        return cancelled
    }

    /// The first waiting job; it leaves the queue once all its sequences are admitted.
    var next: InferenceJob? { waiting.first }

    mutating func admitOneSequence(of job: InferenceJob) {
        job.admitted += 1
        if job.admitted == job.sequences, waiting.first === job { waiting.removeFirst() }
    }
}
