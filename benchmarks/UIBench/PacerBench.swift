// Figure c: frames drawn per second while a stream delivers 5,000 chunks a second. A producer thread posts the
// chunks to the real EventInbox; the main thread runs the runtime's loop (EventLoop.wait until the pacer's or the
// tick's deadline, `update` per event, FramePacer deciding when to render and paint through curses).
import Foundation
import SynthKit
import SynthUI
import TerminalBackend
import SynthRuntime

struct PacerResult {
    var chunksPerSecondWanted: Int
    var seconds: Double
    var chunks: Int
    var frames: Int
    var wakes: Int
    /// Frames per second the pacer allows (one per interval).
    var cap: Double
    /// Share of the wall time the main thread spent in update, render and paint.
    var busy: Double
    /// Median and longest gap between frames, in nanoseconds.
    var medianGap: Double
    var longestGap: Double

    var framesPerSecond: Double { Double(frames) / seconds }
    var chunksPerSecond: Double { Double(chunks) / seconds }
    var chunksPerFrame: Double { Double(chunks) / Double(max(1, frames)) }
}

enum PacerBench {
    static func run(columns: Int = 120, rows: Int = 40, chunksPerSecond: Int = 5_000, seconds: Double = 3) throws
        -> PacerResult
    {
        let (screen, terminal) = try FrameBench.openScreen(columns: columns, rows: rows)
        defer {
            screen.close()
            terminal.close()
        }
        var (state, requestID) = streamingPlayground(columns: columns, rows: rows)
        let id = requestID
        var source = ChunkSource(seed: 0x5000_C5)
        let total = Int(Double(chunksPerSecond) * seconds)
        let chunks = source.chunks(total)

        let loop = EventLoop<SynthUI.Event>(inputDescriptor: screen.inputDescriptor)
        var pacer = FramePacer()
        let clockOrigin = ContinuousClock.now
        var tickDeadline: ContinuousClock.Instant?

        // Paint the screen as it is before the stream starts (the runtime's first frame).
        screen.paint(render(state))
        pacer.didDraw(at: .now)

        let inbox = loop.inbox
        let start = ContinuousClock.now
        let producer = Thread {
            // Posts whatever is due at the wanted rate; sleeping 100 µs between batches keeps the rate steady.
            var posted = 0
            while posted < total {
                let elapsed = start.duration(to: .now)
                let due = min(total, Int(Double(elapsed.components.seconds) * Double(chunksPerSecond)
                    + Double(elapsed.components.attoseconds) * 1e-18 * Double(chunksPerSecond)))
                while posted < due {
                    inbox.post(.streamChunk(request: id, index: 0, text: chunks[posted]))
                    posted += 1
                }
                usleep(100)
            }
            inbox.post(.streamFinished(request: id, stats: CompletionStats(outputTokens: total)))
        }
        producer.start()

        var applied = 0
        var frames = 0
        var busyNanoseconds: UInt64 = 0
        var frameTimes: [UInt64] = []
        var finished = false
        let wakesBefore = loop.wakeCount
        while !finished {
            var deadline = pacer.deadline
            if let tick = tickDeadline { deadline = min(deadline ?? tick, tick) }
            let wake = loop.wait(until: deadline)
            var events = wake.events
            let now = ContinuousClock.now
            if let tick = tickDeadline, now >= tick {
                tickDeadline = nil
                let since = clockOrigin.duration(to: now)
                events.append(.tick(now: Double(since.components.seconds) + Double(since.components.attoseconds) * 1e-18))
            }
            let busyStart = nowNanoseconds()
            for event in events {
                switch event {
                case .streamChunk: applied += 1
                case .streamFinished: finished = true
                default: break
                }
                for effect in update(state: &state, event: event) {
                    if case .scheduleTick(let after) = effect {
                        let due = ContinuousClock.now + .milliseconds(Int64((max(0, after) * 1000).rounded(.up)))
                        tickDeadline = min(tickDeadline ?? due, due)
                    }
                }
                pacer.markDirty()
            }
            if pacer.isFrameDue(at: .now) {
                let drawn = ContinuousClock.now
                screen.paint(render(state))
                pacer.didDraw(at: drawn)
                frames += 1
                frameTimes.append(nowNanoseconds())
            }
            busyNanoseconds += nowNanoseconds() - busyStart
        }
        let elapsed = start.duration(to: .now)
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        precondition(applied == total && state.playground.outputs[0].text.hasSuffix(chunks.last!), "chunks were lost")
        let gaps = zip(frameTimes.dropFirst(), frameTimes).map { Double($0 - $1) }
        let interval = pacer.interval.components
        let intervalSeconds = Double(interval.seconds) + Double(interval.attoseconds) * 1e-18
        return PacerResult(
            chunksPerSecondWanted: chunksPerSecond, seconds: wall, chunks: applied, frames: frames,
            wakes: loop.wakeCount - wakesBefore, cap: 1 / intervalSeconds,
            busy: Double(busyNanoseconds) / 1e9 / wall, medianGap: gaps.median, longestGap: gaps.max() ?? 0)
    }
}
