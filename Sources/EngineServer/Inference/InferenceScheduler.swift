// Continuous batching on one dedicated inference thread (as llama.cpp's server does with slots):
// every step gathers a prefill chunk from each sequence still reading its prompt and one token from each
// sequence that is generating, runs them as ONE batched forward pass, then hands each sequence its logits.
// Requests wait in a queue while all slots are taken; a cancelled request leaves at the next step.

import Foundation
import LocalEngine

final class InferenceScheduler: @unchecked Sendable {  // `shared` is locked; the rest is the inference thread's
    let localModel: LocalModel
    let maxActiveSequences: Int
    let maxQueuedSequences: Int
    let prefillChunkTokens: Int
    /// Told once per job what it consumed (input tokens, output tokens), however it ended (finished, cancelled,
    /// failed, shut down), so that a client who hangs up mid-stream still pays for what was generated.
    let onUsage: @Sendable (_ inputTokens: Int, _ outputTokens: Int) -> Void

    private let shared = ConditionLocked(SchedulerQueue())
    private var thread: Thread?

    // Inference-thread state.
    private var slots: [InferenceSlot] = []
    private var promptCaches: PromptCachePool

    init(localModel: LocalModel, maxActiveSequences: Int, maxQueuedSequences: Int, prefillChunkTokens: Int,
         onUsage: @escaping @Sendable (_ inputTokens: Int, _ outputTokens: Int) -> Void = { _, _ in }) {
        self.onUsage = onUsage
        promptCaches = PromptCachePool(capacity: max(1, maxActiveSequences / 2))
        self.localModel = localModel
        self.maxActiveSequences = max(1, maxActiveSequences)
        self.maxQueuedSequences = max(0, maxQueuedSequences)
        self.prefillChunkTokens = max(1, prefillChunkTokens)
    }

    func start() {
        let thread = Thread { [self] in self.loop() }
        thread.name = "synthpad-inference"
        thread.stackSize = 8 << 20
        self.thread = thread
        thread.start()
    }

    /// Ends every job (they get a `.failed`, and pay for what they generated) and lets the thread exit.
    func stop() {
        shared.withLockWaking { $0.stop() }
    }

    /// Sequences currently holding a slot.
    var activeSequences: Int { shared.withLock { $0.activeSequences } }

    /// Prompt tokens whose evaluation was skipped because a kept cache already held them.
    var reusedPromptTokens: Int { shared.withLock { $0.reusedPromptTokens } }

    /// Queues a job; throws 429 when the queue is full. The events arrive on the returned stream.
    func submit(_ kind: InferenceJob.Kind) throws(APIError) -> (InferenceJob, AsyncStream<InferenceEvent>) {
        let (stream, continuation) = AsyncStream<InferenceEvent>.makeStream(bufferingPolicy: .unbounded)
        let job = InferenceJob(kind: kind, events: continuation)
        // A consumer that goes away (client disconnected, handler cancelled) frees the slots at once.
        continuation.onTermination = { [weak self] _ in
            job.cancel()
            self?.wake()
        }
        let refusal = shared.withLockWaking {
            $0.enqueue(job, maxActive: maxActiveSequences, maxQueued: maxQueuedSequences)
        }
        if let refusal {
            continuation.onTermination = nil  // nothing to free: the job never entered the queue
            throw refusal
        }
        return (job, stream)
    }

    func wake() {
        shared.withLockWaking { _ in }
    }

    // MARK: - The inference thread

    private enum Turn {
        case shutDown(queued: [InferenceJob])
        case run(abandoned: [InferenceJob])
    }

    private func loop() {
        while true {
            let turn = shared.wait(until: { $0.isStopping || !$0.waiting.isEmpty || !slots.isEmpty }) { queue -> Turn in
                if queue.isStopping { return .shutDown(queued: queue.removeAll()) }
                return .run(abandoned: admitWaitingJobs(&queue))
            }
            switch turn {
            case let .shutDown(queued):
                for job in queued { fail(job, "the server is shutting down") }
                for slot in slots { fail(slot.job, "the server is shutting down") }
                slots.removeAll()
                shared.withLock { $0.activeSequences = 0 }
                return
            case let .run(abandoned):
                // Finishing a stream runs its termination handler, which takes the lock: never under it.
                for job in abandoned { job.events.finish() }
                dropCancelledSlots()
                if slots.isEmpty { continue }
                step()
            }
        }
    }

    /// Gives free slots to waiting sequences, first come first served. Returns the cancelled jobs it dropped.
    private func admitWaitingJobs(_ queue: inout SchedulerQueue) -> [InferenceJob] {
        let abandoned = queue.removeCancelled()
        while slots.count < maxActiveSequences, let job = queue.next {
            let (slot, reused) = makeSlot(for: job, index: job.admitted)
            slots.append(slot)
            queue.reusedPromptTokens += reused
            queue.admitOneSequence(of: job)
        }
        queue.activeSequences = slots.count
        return abandoned
    }

    /// A slot for sequence `index` of `job`, and how many prompt tokens a kept cache spared it.
    private func makeSlot(for job: InferenceJob, index: Int) -> (InferenceSlot, reused: Int) {
        switch job.kind {
        case let .completion(spec):
            let state = GenerationState(
                tokenizer: localModel.tokenizer, promptTokens: spec.promptTokens,
                options: spec.options.forCompletion(index), maxTokens: spec.maxNewTokens,
                stopStrings: spec.stopStrings, topLogprobs: spec.topLogprobs)
            // At least the last prompt token is fed: its logits choose the first new token.
            let limit = spec.promptTokens.count - 1
            if let (leader, shared) = leader(sharing: spec.promptTokens, limit: limit) {
                let slot = InferenceSlot(job: job, cache: localModel.model.makeCache(capacity: localModel.contextLength),
                                         work: .completion(index: index, state: state),
                                         pending: spec.promptTokens.map(Int.init))
                slot.follows = (leader, shared)
                return (slot, 0)
            }
            let (cache, reused) = cache(for: spec.promptTokens, reusingAtMost: limit)
            return (InferenceSlot(job: job, cache: cache, work: .completion(index: index, state: state),
                                  pending: spec.promptTokens.dropFirst(reused).map(Int.init)), reused)
        case let .logprob(spec):
            // The last token is never fed: only the logits before it matter. The logits that score the
            // continuation (from position continuationStart - 1 on) must be computed, so they are never reused.
            let (cache, reused) = cache(for: spec.tokens, reusingAtMost: spec.continuationStart - 1)
            return (InferenceSlot(job: job, cache: cache, work: .logprob(spec: spec, sum: 0, greedy: true),
                                  pending: spec.tokens.dropLast().dropFirst(reused).map(Int.init)), reused)
        }
    }

    /// Fewest shared tokens worth waiting for another sequence's prefill.
    static let minimumSharedPrefix = 4

    /// An active sequence whose prompt begins with at least `minimumSharedPrefix` of `tokens` (more than a kept cache
    /// offers), to copy that beginning from once it is evaluated: n completions of one prompt, or compare columns
    /// sent together, read the prompt once.
    private func leader(sharing tokens: [Int32], limit: Int) -> (InferenceSlot, Int)? {
        var best: (InferenceSlot, Int)?
        for slot in slots where slot.follows == nil && !slot.job.isCancelled && !slot.job.isOver {
            let shared = PromptCachePool.commonPrefixLength(slot.promptTokens, tokens, limit: limit)
            if shared > (best?.1 ?? 0) { best = (slot, shared) }
        }
        let pooled = promptCaches.longestShared(with: tokens, limit: limit, minimumCapacity: localModel.contextLength)
        guard let best, best.1 >= Self.minimumSharedPrefix, best.1 > pooled else { return nil }
        return best
    }

    /// Followers whose leader has evaluated the shared beginning copy it; a leader that left first (cancelled, or
    /// finished in the same step) leaves its followers to read their prompt themselves.
    private func resolveFollowers() {
        for slot in slots {
            guard let (leader, length) = slot.follows else { continue }
            if leader.cache.count >= length, slots.contains(where: { $0 === leader }) {
                slot.cache.copyPrefix(of: leader.cache, length: length)
                slot.pending.removeFirst(length)
                shared.withLock { $0.reusedPromptTokens += length }
                slot.follows = nil
            } else if !slots.contains(where: { $0 === leader }) || leader.job.isCancelled || leader.job.isOver {
                slot.follows = nil
            }
        }
    }

    /// A kept cache sharing a prefix with `tokens` (cut back to it), else the oldest kept one emptied (its pages are
    /// resident already), else a fresh one for the whole context.
    private func cache(for tokens: [Int32], reusingAtMost limit: Int) -> (KVCache, Int) {
        let capacity = localModel.contextLength
        if let (cache, reused) = promptCaches.take(sharing: tokens, limit: limit, minimumCapacity: capacity) {
            return (cache, reused)
        }
        if let cache = promptCaches.takeOldest(minimumCapacity: capacity) { return (cache, 0) }
        // Full-context capacity costs only address space until positions fill, and lets the cache be reused.
        return (localModel.model.makeCache(capacity: capacity), 0)
    }

    /// Keeps the cache of a sequence that is leaving, with the tokens it holds.
    private func keepCache(of slot: InferenceSlot) {
        let fed = slot.cache.count
        switch slot.work {
        case let .completion(_, state): promptCaches.put(slot.cache, holding: Array(state.tokens.prefix(fed)))
        case let .logprob(spec, _, _): promptCaches.put(slot.cache, holding: Array(spec.tokens.prefix(fed)))
        }
    }

    private func dropCancelledSlots() {
        let before = slots.count
        for slot in slots where slot.job.isCancelled && !slot.job.isOver {
            let job = slot.job
            job.isOver = true
            settle(job, outputTokens: generatedTokens(of: job))
            job.events.finish()
        }
        for slot in slots where slot.job.isCancelled || slot.job.isOver { keepCache(of: slot) }
        slots.removeAll { $0.job.isCancelled || $0.job.isOver }
        if slots.count != before { shared.withLock { $0.activeSequences = slots.count } }
    }

    /// Tokens a job has generated so far: its finished sequences' plus those of its sequences still in a slot.
    private func generatedTokens(of job: InferenceJob) -> Int {
        slots.reduce(job.outputTokens) { total, slot in
            guard slot.job === job, case let .completion(_, state) = slot.work else { return total }
            return total + state.generatedCount
        }
    }

    /// Reports a job's consumption once (a job that never reached a slot consumed nothing).
    private func settle(_ job: InferenceJob, outputTokens: Int) {
        guard !job.settled, job.admitted > 0 else { return }
        job.settled = true
        switch job.kind {
        case let .completion(spec): onUsage(spec.promptTokens.count, outputTokens)
        case let .logprob(spec): onUsage(spec.tokens.count, 0)
        }
    }

    /// One batched forward pass over every active sequence.
    private func step() {
        resolveFollowers()
        var budget = prefillChunkTokens
        var entries: [SequenceBatchEntry] = []
        var fed: [(slot: InferenceSlot, count: Int)] = []
        // Decoding sequences first: one token each, so streams keep moving while long prompts prefill.
        for slot in slots where !slot.isPrefilling {
            entries.append(SequenceBatchEntry(cache: slot.cache, tokens: slot.pending))
            fed.append((slot, slot.pending.count))
        }
        for slot in slots where slot.isPrefilling && slot.follows == nil && budget > 0 {
            let count = min(slot.pending.count, budget)
            budget -= count
            var allLogits = false
            if case let .logprob(spec, _, _) = slot.work {
                allLogits = slot.cache.count + count > spec.continuationStart - 1
            }
            entries.append(SequenceBatchEntry(cache: slot.cache, tokens: Array(slot.pending.prefix(count)),
                                              allLogits: allLogits))
            fed.append((slot, count))
        }
        guard !entries.isEmpty else { return }
        let startPositions = fed.map { $0.slot.cache.count }

        let results: [[[Float]]]
        do {
            results = try localModel.model.forward(entries)
        } catch {
            for (slot, _) in fed { fail(slot.job, "inference failed: \(error)") }
            dropCancelledSlots()
            return
        }

        var touched: [ObjectIdentifier: InferenceJob] = [:]
        for (index, (slot, count)) in fed.enumerated() {
            slot.pending.removeFirst(count)
            touched[ObjectIdentifier(slot.job)] = slot.job
            handle(slot, rows: results[index], firstPosition: startPositions[index], fedCount: count)
        }
        for job in touched.values where !job.isOver { flush(job) }
        resolveFollowers()  // before a leader that just finished leaves
        for slot in slots where slot.job.isOver || slot.pending.isEmpty { keepCache(of: slot) }
        slots.removeAll { $0.job.isOver || $0.pending.isEmpty }
        shared.withLock { $0.activeSequences = slots.count }
    }

    private func handle(_ slot: InferenceSlot, rows: [[Float]], firstPosition: Int, fedCount: Int) {
        let job = slot.job
        guard !job.isOver else { return }
        switch slot.work {
        case .completion(let index, var state):
            guard slot.pending.isEmpty, let logits = rows.last else { return }  // still prefilling
            let step = state.advance(logits: logits)
            slot.work = .completion(index: index, state: state)
            job.deltas[index] += step.text
            job.texts[index] += step.text
            if let logprobs = step.logprobs {
                job.tokenDeltas[index].append(logprobs)
                job.tokenLists[index].append(logprobs)
            }
            if let reason = step.finishReason {
                job.finishReasons[index] = reason
                job.outputTokens += state.generatedCount
                job.finished += 1
            } else {
                slot.pending = [Int(step.token)]
            }
        case .logprob(let spec, var sum, var greedy):
            // Row r holds the logits at position firstPosition + r when all rows were asked for.
            let allRows = rows.count == fedCount
            for (r, row) in rows.enumerated() {
                let position = allRows ? firstPosition + r : firstPosition + fedCount - 1
                guard position >= spec.continuationStart - 1, position + 1 < spec.tokens.count else { continue }
                let target = Int(spec.tokens[position + 1])
                let (logProbability, isArgmax) = Self.logSoftmax(row, at: target)
                sum += logProbability
                greedy = greedy && isArgmax
            }
            slot.work = .logprob(spec: spec, sum: sum, greedy: greedy)
            if slot.pending.isEmpty {
                job.isOver = true
                settle(job, outputTokens: 0)
                job.events.yield(.logprob(LogprobSummary(
                    logprob: sum, isGreedy: greedy, continuationTokens: spec.tokens.count - spec.continuationStart,
                    inputTokens: spec.tokens.count)))
                job.events.finish()
            }
        }
    }

    /// Sends what a job produced in this step; the last event carries the totals.
    private func flush(_ job: InferenceJob) {
        guard case let .completion(spec) = job.kind else { return }
        if job.finished == job.sequences {
            job.isOver = true
            settle(job, outputTokens: job.outputTokens)
            let summary = CompletionSummary(
                texts: job.texts, finishReasons: job.finishReasons.map { $0 ?? .length },
                inputTokens: spec.promptTokens.count, outputTokens: job.outputTokens,
                truncatedPrompt: spec.truncatedPrompt, tokens: spec.topLogprobs == nil ? nil : job.tokenLists)
            if spec.topLogprobs != nil { job.events.yield(.tokens(job.tokenDeltas)) }
            job.events.yield(.completed(last: job.deltas, summary))
            job.events.finish()
        } else if job.deltas.contains(where: { !$0.isEmpty }) || job.tokenDeltas.contains(where: { !$0.isEmpty }) {
            if spec.topLogprobs != nil {
                job.events.yield(.tokens(job.tokenDeltas))
                job.tokenDeltas = Array(repeating: [], count: job.sequences)
            }
            job.events.yield(.progress(job.deltas))
            job.deltas = Array(repeating: "", count: job.sequences)
        }
    }

    /// Ends a job with an error; what it generated until then is still paid for.
    private func fail(_ job: InferenceJob, _ message: String) {
        guard !job.isOver else { return }
        job.isOver = true
        settle(job, outputTokens: generatedTokens(of: job))
        job.events.yield(.failed(message))
        job.events.finish()
    }

    /// log(softmax(row))[target] in double precision, and whether target is the most likely token.
    static func logSoftmax(_ row: [Float], at target: Int) -> (Double, Bool) {
        var maximum = -Float.infinity
        var argmax = 0
        for (index, value) in row.enumerated() where value > maximum {
            maximum = value
            argmax = index
        }
        var sum = 0.0
        for value in row { sum += exp(Double(value - maximum)) }
        let logProbability = Double(row[target] - maximum) - log(sum)
        return (logProbability, argmax == target || row[target] == maximum)
    }
}
