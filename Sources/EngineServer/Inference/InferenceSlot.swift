// One sequence being evaluated: its KV cache, the tokens still to feed, and what it is computing.

import Foundation
import LocalEngine

final class InferenceSlot {
    enum Work {
        /// Completion `index` of a completion job.
        case completion(index: Int, state: GenerationState)
        /// Log-probability: running sum and whether every token was the argmax so far.
        case logprob(spec: LogprobJobSpec, sum: Double, greedy: Bool)
    }

    let job: InferenceJob
    let cache: KVCache
    var work: Work
    /// Tokens to feed next: the rest of the prompt while prefilling, then the one token just sampled.
    var pending: [Int]
    /// Another active sequence whose prompt begins with the same `length` tokens: this one waits until the
    /// leader has evaluated them, copies its cache and feeds only the rest (prefill done once, not n times).
    var follows: (leader: InferenceSlot, length: Int)?

    init(job: InferenceJob, cache: KVCache, work: Work, pending: [Int]) {
        self.job = job
        self.cache = cache
        self.work = work
        self.pending = pending
    }

    var isPrefilling: Bool { pending.count > 1 || cache.count == 0 }

    /// The prompt tokens this sequence's cache will hold once its prompt is read (what a follower can share).
    var promptTokens: [Int32] {
        switch work {
        case .completion(_, let state): Array(state.tokens.prefix(state.promptCount))
        case .logprob(let spec, _, _): Array(spec.tokens.dropLast())  // the last token is never fed
        }
    }
}
