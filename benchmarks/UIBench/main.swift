// UIBench (`make bench-ui`): the TUI's own costs, in-process, each figure a ratio against a baseline measured in the
// same run (interleaved rounds, medians), so the figures mean the same on a noisy or slow machine.
//
//   a  appending a streamed chunk (1–4 tokens) through `update` when the output holds 1k vs 1M tokens (~4.5 MB),
//      and rendering the screen over either output
//   b  one frame (render + diff + paint through ncurses onto a pseudo-terminal): full repaint vs a one-line change,
//      at 120×40 and 240×70
//   c  frames drawn per second under a 5,000 chunk/s stream, against the FramePacer's cap
//   d  a bracketed paste through the key decoder: 1 MB vs 64 KB, per byte
//
// Usage: UIBench [--quick] [a] [b] [c] [d]   (--quick: fewer rounds and a 1-second stream, for a smoke test;
//        naming figures runs only those)
import Foundation
import SynthUI

let quick = CommandLine.arguments.contains("--quick")
let chosen = Set(CommandLine.arguments.dropFirst().filter { ["a", "b", "c", "d"].contains($0) })
func wanted(_ figure: String) -> Bool { chosen.isEmpty || chosen.contains(figure) }
let benchStart = nowNanoseconds()
var rows: [ResultRow] = []

func ratio(_ value: Double) -> String { String(format: "%.2f", value) }

print("UIBench\(quick ? " (quick)" : "")\n")

// a. Append cost is flat.
if wanted("a") {
let append = AppendBench.run(rounds: quick ? 21 : 101)
print(String(format: "a) append: output of %d tokens vs %d tokens (%.1f MB, %d wrapped lines at 120×40)",
             append.smallTokens, append.largeTokens, Double(append.largeBytes) / 1e6, append.largeLines))
print("   per chunk through update:   \(formatNanoseconds(append.smallChunk)) vs \(formatNanoseconds(append.largeChunk))"
      + "  ratio \(ratio(append.chunkRatio)) (best rounds: \(ratio(append.chunkBestRatio)))")
print("   render of the screen:       \(formatNanoseconds(append.smallRender)) vs \(formatNanoseconds(append.largeRender))"
      + "  ratio \(ratio(append.renderRatio)) (best rounds: \(ratio(append.renderBestRatio)))")
print(String(format: "   lines rewrapped per chunk:  %.2f\n", append.linesRewrappedPerChunk))
rows.append(ResultRow(
    figure: "a. append one chunk (update), 1M vs 1k tokens",
    measured: "\(formatNanoseconds(append.largeChunk)) vs \(formatNanoseconds(append.smallChunk)) per chunk",
    ratio: "\(ratio(append.chunkRatio)) (best \(ratio(append.chunkBestRatio)))", target: "≤ 1.2"))
rows.append(ResultRow(
    figure: "a. render the screen, 1M vs 1k tokens",
    measured: "\(formatNanoseconds(append.largeRender)) vs \(formatNanoseconds(append.smallRender)) per frame",
    ratio: "\(ratio(append.renderRatio)) (best \(ratio(append.renderBestRatio)))", target: "≤ 1.2"))
}

// b. Frame cost: full repaint vs a one-line change.
var frameFailure: Error?
for (columns, height) in [(120, 40), (240, 70)] where wanted("b") {
    do {
        let frame = try FrameBench.run(columns: columns, rows: height, rounds: quick ? 5 : 25)
        print("b) frame at \(columns)×\(height): full repaint vs a one-line change (render + diff + paint, pty)")
        print("   cells painted:   \(frame.fullCells) vs \(frame.lineCells)")
        print(String(format: "   bytes to the terminal: %.0f vs %.0f", frame.fullBytes, frame.lineBytes))
        print("   render:          \(formatNanoseconds(frame.fullRender)) vs \(formatNanoseconds(frame.lineRender))")
        print("   paint:           \(formatNanoseconds(frame.fullPaint)) vs \(formatNanoseconds(frame.linePaint))"
              + "  ratio \(ratio(frame.paintRatio))")
        print("   paint of an unchanged grid (the diff alone): \(formatNanoseconds(frame.unchangedPaint))")
        print("   frame:           \(formatNanoseconds(frame.fullFrame)) vs \(formatNanoseconds(frame.lineFrame))"
              + "  ratio \(ratio(frame.frameRatio))\n")
        rows.append(ResultRow(
            figure: "b. cells painted at \(columns)×\(height), one-line vs full",
            measured: "\(frame.lineCells) vs \(frame.fullCells) cells",
            ratio: String(format: "%.4f", Double(frame.lineCells) / Double(max(1, frame.fullCells))),
            target: "one line ≤ \(columns) cells"))
        rows.append(ResultRow(
            figure: "b. paint (diff + curses) at \(columns)×\(height), one-line vs full",
            measured: "\(formatNanoseconds(frame.linePaint)) vs \(formatNanoseconds(frame.fullPaint))",
            ratio: ratio(frame.paintRatio), target: "≪ 1"))
        rows.append(ResultRow(
            figure: "b. frame (render + paint) at \(columns)×\(height), one-line vs full",
            measured: "\(formatNanoseconds(frame.lineFrame)) vs \(formatNanoseconds(frame.fullFrame))",
            ratio: ratio(frame.frameRatio), target: "< 1"))
    } catch {
        frameFailure = error
        print("b) frame at \(columns)×\(height): skipped (\(error))\n")
    }
}

// c. Frames per second under a 5,000 chunk/s stream.
if wanted("c") {
do {
    let pacer = try PacerBench.run(seconds: quick ? 1 : 3)
    print(String(format: "c) %d chunk/s for %.2f s at 120×40: %d chunks (%.0f/s), %d frames (%.1f fps; cap %.1f fps)",
                 pacer.chunksPerSecondWanted, pacer.seconds, pacer.chunks, pacer.chunksPerSecond, pacer.frames,
                 pacer.framesPerSecond, pacer.cap))
    print(String(format: "   %.1f chunks per frame, %d loop wake-ups, main thread busy %.0f%%", pacer.chunksPerFrame,
                 pacer.wakes, pacer.busy * 100))
    print("   gap between frames: median \(formatNanoseconds(pacer.medianGap)), longest \(formatNanoseconds(pacer.longestGap))\n")
    rows.append(ResultRow(
        figure: "c. frames/s under \(pacer.chunksPerSecondWanted) chunk/s, vs the pacer's cap",
        measured: String(format: "%.1f fps (cap %.1f), %.0f chunks/frame, busy %.0f%%", pacer.framesPerSecond, pacer.cap,
                         pacer.chunksPerFrame, pacer.busy * 100),
        ratio: ratio(pacer.framesPerSecond / pacer.cap), target: "≤ 1.0"))
} catch {
    print("c) skipped (\(error))\n")
}
}

// d. Paste decoding is linear in the paste's size.
if wanted("d") {
    let paste = PasteBench.run(rounds: quick ? 3 : 11)
    print("d) bracketed paste through the key decoder: \(paste.largeBytes / 1024) KB vs \(paste.smallBytes / 1024) KB")
    print("   decode: \(formatNanoseconds(paste.large)) vs \(formatNanoseconds(paste.small))\n")
    rows.append(ResultRow(
        figure: "d. 1 MB paste decoded, per byte vs a 64 KB paste", measured: formatNanoseconds(paste.large),
        ratio: ratio(paste.perByteRatio), target: "≈ 1 (linear)"))
}

print("| figure | measured | ratio | target |")
print("|---|---|---|---|")
for row in rows { print("| \(row.figure) | \(row.measured) | \(row.ratio) | \(row.target) |") }
print(String(format: "\ntotal %.1f s", Double(nowNanoseconds() - benchStart) / 1e9))
if frameFailure != nil { exit(1) }
