import Foundation
import Synchronization

/// A small set of persistent threads that split one piece of work at a time into numbered chunks.
/// The calling thread works too, so `threads: 2` starts one extra thread.
///
/// Chunks are claimed from one atomic "ticket" holding (job number, chunk count, next chunk), and the caller returns
/// as soon as every chunk is done — it never waits for a worker that found nothing to do. So a worker that is
/// descheduled (other processes on the machine) or asleep only means the caller does more of the chunks itself.
/// Workers spin briefly between jobs (a forward pass issues a few hundred per token, microseconds apart), then sleep.
public final class WorkerPool: @unchecked Sendable {  // shared state is atomics; `job` is published via `ticket`
    public let threadCount: Int

    // ticket = job number << 40 | chunk count << 20 | next chunk
    private let ticket = Atomic<Int>(0)
    private let completedChunks = Atomic<Int>(0)
    private let sleepers = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private let wake = NSCondition()
    private let callerLock = NSLock()
    private var jobNumber = 0
    // The current job; written only while no chunk of any job is claimable, read only after claiming a chunk.
    private var job: ((Int, Int) -> Void)?

    private static let chunkBits = 20
    private static let chunkMask = (1 << chunkBits) - 1
    private static let spinsBeforeSleep = 20_000

    public init(threads: Int) {
        threadCount = max(1, threads)
        for worker in 1..<threadCount {
            // Workers hold the pool until shutDown(); the owner (LlamaModel) calls it from its deinit.
            let thread = Thread { [self] in self.workerLoop(worker) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Stops the worker threads. The pool must not be used afterwards.
    public func shutDown() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        wake.lock()
        wake.broadcast()
        wake.unlock()
    }

    /// Calls `body(chunk, worker)` for every `chunk` in `0..<chunks`, spread over the pool's threads; returns when all
    /// calls are done. `worker` (0..<threadCount, 0 = the caller) lets a chunk use per-thread scratch memory.
    public func run(chunks: Int, _ body: (_ chunk: Int, _ worker: Int) -> Void) {
        if chunks <= 0 { return }
        if threadCount == 1 || chunks == 1 {
            for i in 0..<chunks { body(i, 0) }
            return
        }
        precondition(chunks <= Self.chunkMask, "too many chunks")
        callerLock.lock()
        defer { callerLock.unlock() }
        withoutActuallyEscaping(body) { escapable in
            job = escapable
            completedChunks.store(0, ordering: .relaxed)
            jobNumber = (jobNumber + 1) & 0x7F_FFFF  // 23 bits keep the ticket positive
            ticket.store(jobNumber << (2 * Self.chunkBits) | chunks << Self.chunkBits, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wake.lock()
                wake.broadcast()
                wake.unlock()
            }
            work(worker: 0)
            var spins = 0
            while completedChunks.load(ordering: .acquiring) < chunks {
                spins += 1
                if spins > 1000 { sched_yield() }
            }
            job = nil
        }
    }

    /// Claims and runs chunks of the current job until none are left.
    private func work(worker: Int) {
        while true {
            let current = ticket.load(ordering: .acquiring)
            let next = current & Self.chunkMask
            let count = (current >> Self.chunkBits) & Self.chunkMask
            if next >= count { return }
            guard ticket.compareExchange(expected: current, desired: current + 1, ordering: .acquiringAndReleasing).exchanged
            else { continue }
            // This chunk is ours and unfinished, so the job it belongs to is still the one in `job`.
            job!(next, worker)
            completedChunks.add(1, ordering: .releasing)
        }
    }

    private func workerLoop(_ worker: Int) {
        var seenJob = 0
        while !stopping.load(ordering: .relaxed) {
            var spins = 0
            while ticket.load(ordering: .acquiring) >> (2 * Self.chunkBits) == seenJob {
                spins += 1
                if spins < Self.spinsBeforeSleep { continue }
                wake.lock()
                sleepers.add(1, ordering: .sequentiallyConsistent)
                while ticket.load(ordering: .sequentiallyConsistent) >> (2 * Self.chunkBits) == seenJob
                        && !stopping.load(ordering: .sequentiallyConsistent) {
                    wake.wait()
                }
                sleepers.subtract(1, ordering: .sequentiallyConsistent)
                wake.unlock()
                if stopping.load(ordering: .relaxed) { return }
                spins = 0
            }
            seenJob = ticket.load(ordering: .acquiring) >> (2 * Self.chunkBits)
            work(worker: worker)
        }
    }
}
