import Dispatch
import Glibc
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

/// Counts how often poll(2) is entered; a TEST DOUBLE wrapped around the real poll.
private final class CountingPoller: @unchecked Sendable {
    private(set) var calls = 0
    private(set) var timeouts: [Int32] = []
    func poll(_ descriptors: UnsafeMutablePointer<pollfd>, _ count: nfds_t, _ timeout: Int32) -> Int32 {
        calls += 1
        timeouts.append(timeout)
        return Glibc.poll(descriptors, count, timeout)
    }
}

final class EventLoopTests: XCTestCase {
    private var inputRead: Int32 = -1
    private var inputWrite: Int32 = -1

    override func setUp() {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        (inputRead, inputWrite) = (fds[0], fds[1])
    }

    override func tearDown() {
        for fd in [inputRead, inputWrite] where fd >= 0 { close(fd) }
    }

    func testIdleLoopSleepsInPollWithoutWakingForASecond() {
        let poller = CountingPoller()
        let loop = EventLoop<Int>(inputDescriptor: inputRead, poller: poller.poll)
        let inbox = loop.inbox
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.0) { inbox.post(42) }
        let start = ContinuousClock.now
        let wake = loop.wait(until: nil)
        let elapsed = ContinuousClock.now - start
        XCTAssertEqual(poller.calls, 1, "one poll for the whole idle second: no busy waiting")
        XCTAssertEqual(poller.timeouts, [-1], "no timeout when nothing asked for one")
        XCTAssertEqual(loop.wakeCount, 1)
        XCTAssertEqual(wake.events, [42])
        XCTAssertFalse(wake.inputReady)
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(950))
    }

    func testDeadlineEndsTheWait() {
        let loop = EventLoop<Int>(inputDescriptor: inputRead)
        let start = ContinuousClock.now
        let wake = loop.wait(until: start + .milliseconds(40))
        let elapsed = ContinuousClock.now - start
        XCTAssertTrue(wake.events.isEmpty)
        XCTAssertFalse(wake.inputReady)
        // Nothing else can wake it (no event, no input): that it returned at all is the deadline's doing.
        XCTAssertGreaterThanOrEqual(elapsed, .milliseconds(40), "the wait never ends early")
    }

    func testTerminalInputAndHangUpAreReported() {
        let loop = EventLoop<Int>(inputDescriptor: inputRead)
        var byte: UInt8 = 0x61
        XCTAssertEqual(write(inputWrite, &byte, 1), 1)
        XCTAssertTrue(loop.wait(until: nil).inputReady)
        XCTAssertEqual(read(inputRead, &byte, 1), 1)
        close(inputWrite)
        inputWrite = -1
        let wake = loop.wait(until: .now + .seconds(2))
        XCTAssertTrue(wake.inputClosed, "a closed terminal ends the playground instead of spinning")
    }

    func testEventsPostedFromManyThreadsAllArriveInPerThreadOrder() {
        let loop = EventLoop<Int>(inputDescriptor: nil)
        let inbox = loop.inbox
        let threads = 4, perThread = 2000
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for i in 0..<perThread { inbox.post(thread * 1_000_000 + i) }
        }
        var received: [Int] = []
        while received.count < threads * perThread {
            received += loop.wait(until: .now + .seconds(2)).events
        }
        XCTAssertEqual(received.count, threads * perThread)
        for thread in 0..<threads {
            let mine = received.filter { $0 / 1_000_000 == thread }
            XCTAssertEqual(mine, (0..<perThread).map { thread * 1_000_000 + $0 })
        }
        XCTAssertTrue(loop.wait(until: .now).events.isEmpty, "the pipe was drained: no stale wake-up")
    }

    func testTimeoutRoundsUpAndInfiniteWithoutDeadline() {
        // A fixed "now": a loaded machine must not turn 100 µs ahead into the past.
        let now = ContinuousClock.now
        XCTAssertEqual(EventLoop<Int>.timeoutMilliseconds(until: nil, now: now), -1)
        XCTAssertEqual(EventLoop<Int>.timeoutMilliseconds(until: now - .seconds(1), now: now), 0)
        XCTAssertEqual(EventLoop<Int>.timeoutMilliseconds(until: now + .milliseconds(10), now: now), 10)
        XCTAssertEqual(EventLoop<Int>.timeoutMilliseconds(until: now + .microseconds(100), now: now), 1,
                       "never rounds to a busy 0")
    }

    func testFramePacerDrawsAtMostSixtyFramesASecondUnderAFloodOfChunks() {
        var pacer = FramePacer()
        XCTAssertNil(pacer.deadline, "idle: nothing to draw, no timeout")
        let start = ContinuousClock.now
        var frames = 0
        // A chunk every millisecond for one second (simulated time).
        for millisecond in 0..<1000 {
            let now = start + .milliseconds(millisecond)
            pacer.markDirty()
            if pacer.isFrameDue(at: now) {
                frames += 1
                pacer.didDraw(at: now)
            } else {
                XCTAssertNotNil(pacer.deadline)
            }
        }
        XCTAssertLessThanOrEqual(frames, 63)
        XCTAssertGreaterThanOrEqual(frames, 55)
        XCTAssertNotNil(pacer.deadline, "the last chunk's frame is still owed")
    }

    func testFramePacerDrawsTheFirstChangeAtOnce() {
        var pacer = FramePacer()
        let now = ContinuousClock.now
        pacer.markDirty()
        XCTAssertTrue(pacer.isFrameDue(at: now))
        pacer.didDraw(at: now)
        XCTAssertNil(pacer.deadline)
        pacer.markDirty()
        XCTAssertFalse(pacer.isFrameDue(at: now + .milliseconds(5)))
        XCTAssertTrue(pacer.isFrameDue(at: now + .milliseconds(16)))
    }
}
