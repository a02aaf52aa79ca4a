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

    init(job: InferenceJob, cache: KVCache, work: Work, pending: [Int]) {
        self.job = job
        self.cache = cache
        self.work = work
        self.pending = pending
    }

    var isPrefilling: Bool { pending.count > 1 || cache.count == 0 }
}
