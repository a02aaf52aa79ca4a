import Foundation
import Synchronization

/// A small set of persistent threads that split one piece of work at a time into numbered chunks.
/// The calling thread works too, so `threads: 2` starts one extra thread.
///
/// The chunks are dealt out as one contiguous share per thread (a decode step's matmul reads its weights once, and
/// long sequential reads are what the hardware prefetchers follow). Each thread runs its share from the front; one
/// that runs out takes chunks from the back of another's share. So a worker that is descheduled (other processes on
/// the machine) or asleep only means the others do more of its chunks, and no thread waits longer than the chunk in
/// hand. Workers spin briefly between jobs (a forward pass issues a few hundred per token, microseconds apart), then
/// sleep.
public final class WorkerPool: @unchecked Sendable {  // shared state is atomics; `job` is published via the shares
    public let threadCount: Int

    // The current job's number, which wakes the workers.
    private let jobTicket = Atomic<Int>(0)
    // Per thread, its share of the chunks: job number << 40 | end << 20 | next (both advance towards each other),
    // one cache line apart so the threads' claims don't contend.
    private let shares: UnsafeMutablePointer<Atomic<Int>>
    private static let shareStride = 8
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
        shares = .allocate(capacity: threadCount * Self.shareStride)
        for t in 0..<threadCount { (shares + t * Self.shareStride).initialize(to: Atomic(0)) }
        for worker in 1..<threadCount {
            // Workers hold the pool until shutDown(); the owner (LlamaModel) calls it from its deinit.
            let thread = Thread { [self] in self.workerLoop(worker) }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    // The pool lives until its owner calls shutDown(), and the workers hold it, so this runs after they have returned.
    deinit {
        for t in 0..<threadCount { (shares + t * Self.shareStride).deinitialize(count: 1) }
        shares.deallocate()
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
            jobNumber = (jobNumber + 1) & 0x7F_FFFF  // 23 bits keep the shares positive
            for t in 0..<threadCount {
                let first = chunks * t / threadCount, end = chunks * (t + 1) / threadCount
                share(t).pointee.store(jobNumber << (2 * Self.chunkBits) | end << Self.chunkBits | first, ordering: .releasing)
            }
            jobTicket.store(jobNumber, ordering: .sequentiallyConsistent)
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

    private func share(_ thread: Int) -> UnsafeMutablePointer<Atomic<Int>> { shares + thread * Self.shareStride }

    /// Runs chunks of the current job until none are left: this thread's share from the front, then the others'
    /// from the back.
    private func work(worker: Int) {
        while let chunk = claim(from: share(worker), front: true) { runChunk(chunk, worker) }
        for offset in 1..<threadCount {
            let other = share((worker + offset) % threadCount)
            while let chunk = claim(from: other, front: false) { runChunk(chunk, worker) }
        }
    }

    private func runChunk(_ chunk: Int, _ worker: Int) {
        // The chunk is ours and unfinished, so the job it belongs to is still the one in `job`.
        job!(chunk, worker)
        completedChunks.add(1, ordering: .releasing)
    }

    /// Takes the next chunk from the front or the last from the back of a share; nil when it is empty.
    private func claim(from share: UnsafeMutablePointer<Atomic<Int>>, front: Bool) -> Int? {
        while true {
            let current = share.pointee.load(ordering: .acquiring)
            let next = current & Self.chunkMask, end = (current >> Self.chunkBits) & Self.chunkMask
            if next >= end { return nil }
            let desired = front ? current + 1 : current - (1 << Self.chunkBits)
            if share.pointee.compareExchange(expected: current, desired: desired, ordering: .acquiringAndReleasing).exchanged {
                return front ? next : end - 1
            }
        }
    }

    private func workerLoop(_ worker: Int) {
        var seenJob = 0
        while !stopping.load(ordering: .relaxed) {
            var spins = 0
            while jobTicket.load(ordering: .acquiring) == seenJob {
                spins += 1
                if spins < Self.spinsBeforeSleep { continue }
                wake.lock()
                sleepers.add(1, ordering: .sequentiallyConsistent)
                while jobTicket.load(ordering: .sequentiallyConsistent) == seenJob
                        && !stopping.load(ordering: .sequentiallyConsistent) {
                    wake.wait()
                }
                sleepers.subtract(1, ordering: .sequentiallyConsistent)
                wake.unlock()
                if stopping.load(ordering: .relaxed) { return }
                spins = 0
            }
            seenJob = jobTicket.load(ordering: .acquiring)
            work(worker: worker)
        }
    }
}
