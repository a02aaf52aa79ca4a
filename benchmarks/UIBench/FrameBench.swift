// Figure b: the cost of one frame (render the state into a cell grid, diff against the last frame, paint through
// ncurses onto a pseudo-terminal), for a full repaint and for a streamed chunk that changes one line.
import Foundation
import SynthKit
import SynthUI
import TerminalBackend
import SynthRuntime

struct FrameResult {
    var columns: Int
    var rows: Int
    var fullCells: Int
    var lineCells: Int
    var fullBytes: Double
    var lineBytes: Double
    /// Median nanoseconds per frame: render, paint (diff + curses), and both.
    var fullRender: Double
    var fullPaint: Double
    var fullFrame: Double
    var lineRender: Double
    var linePaint: Double
    var lineFrame: Double
    /// Median nanoseconds to paint a grid equal to the last one (0 cells): the diff pass plus curses' refresh.
    var unchangedPaint: Double

    var frameRatio: Double { lineFrame / fullFrame }
    var paintRatio: Double { linePaint / fullPaint }
}

enum FrameBench {
    enum Failure: Error, CustomStringConvertible {
        case noPseudoTerminal
        case wrongSize(String)
        var description: String {
            switch self {
            case .noPseudoTerminal: "cannot open a pseudo-terminal"
            case .wrongSize(let what): "curses sees the wrong size: \(what)"
            }
        }
    }

    /// Opens curses on a fresh pseudo-terminal of the given size (a headless screen, as the tests use).
    static func openScreen(columns: Int, rows: Int) throws -> (TerminalScreen, PseudoTerminal) {
        guard let terminal = PseudoTerminal(columns: columns, rows: rows) else { throw Failure.noPseudoTerminal }
        let screen = try TerminalScreen(
            theme: .builtInDefault, colors: .fixed(.palette256),
            device: .headless(terminalType: "xterm-256color", input: terminal.inputReadDescriptor,
                              output: terminal.slaveDescriptor),
            environment: ["TERM": "xterm-256color"])
        guard screen.size.columns == columns, screen.size.rows == rows else {
            throw Failure.wrongSize("\(screen.size.columns)×\(screen.size.rows), wanted \(columns)×\(rows)")
        }
        return (screen, terminal)
    }

    /// The states drawn: two full-screen pictures that differ in the output pane (following the end, and one page
    /// up), and the followed end before and after a short chunk that lands on the last line.
    static func states(columns: Int, rows: Int) -> (full: [AppState], line: [AppState]) {
        var source = ChunkSource(seed: 0xF4A3E)
        var (state, id) = streamingPlayground(columns: columns, rows: rows)
        fill(&state, requestID: id, tokens: 20_000, source: &source)
        _ = update(state: &state, event: .streamChunk(request: id, index: 0, text: "\nThe last line:"))
        // Focus the output pane (Tab from the prompt, through the parameters), as a user reading the stream would.
        _ = update(state: &state, event: .key(KeyPress(.tab)))
        _ = update(state: &state, event: .key(KeyPress(.tab)))
        var pageUp = state
        _ = update(state: &pageUp, event: .key(KeyPress(.pageUp)))
        var chunked = state
        _ = update(state: &chunked, event: .streamChunk(request: id, index: 0, text: " ok"))
        precondition(chunked.playground.outputs[0].lines.count == state.playground.outputs[0].lines.count, "the one-line chunk wrapped")
        return ([state, pageUp], [chunked, state])
    }

    static func run(columns: Int, rows: Int, rounds: Int = 15, framesPerRound: Int = 10) throws -> FrameResult {
        let (screen, terminal) = try openScreen(columns: columns, rows: rows)
        defer {
            screen.close()
            terminal.close()
        }
        let (full, line) = states(columns: columns, rows: rows)

        var fullRender: [Double] = [], fullPaint: [Double] = [], fullFrame: [Double] = []
        var lineRender: [Double] = [], linePaint: [Double] = [], lineFrame: [Double] = []
        var unchangedPaint: [Double] = []
        var fullCells: [Int] = [], lineCells: [Int] = []

        /// One frame as the runtime draws it: a fresh grid from the state, then `paint`. Returns (render, paint) ns.
        func frame(_ state: AppState, cells: inout [Int]) -> (Double, Double) {
            let start = nowNanoseconds()
            let grid = render(state)
            let rendered = nowNanoseconds()
            cells.append(screen.paint(grid))
            let painted = nowNanoseconds()
            return (Double(rendered - start), Double(painted - rendered))
        }
        func fullPhase(_ frames: Int, timed: Bool) {
            var render = 0.0, paint = 0.0
            for k in 0..<frames {
                screen.resume()  // forgets what is on screen: the next paint writes every cell (untimed)
                let (r, p) = frame(full[k % 2], cells: &fullCells)
                render += r
                paint += p
            }
            guard timed else { return }
            fullRender.append(render / Double(frames))
            fullPaint.append(paint / Double(frames))
            fullFrame.append((render + paint) / Double(frames))
        }
        func linePhase(_ frames: Int, timed: Bool) {
            var unused: [Int] = []
            _ = frame(line[1], cells: &unused)  // start from the state before the chunk (untimed)
            var render = 0.0, paint = 0.0
            for k in 0..<frames {
                let (r, p) = frame(line[k % 2], cells: &lineCells)
                render += r
                paint += p
            }
            guard timed else { return }
            lineRender.append(render / Double(frames))
            linePaint.append(paint / Double(frames))
            lineFrame.append((render + paint) / Double(frames))
            // The same picture again: nothing to paint, so this is what the diff itself costs.
            let grid = SynthUI.render(line[(frames - 1) % 2])
            var cells = 0
            let start = nowNanoseconds()
            for _ in 0..<frames { cells += screen.paint(grid) }
            unchangedPaint.append(Double(nowNanoseconds() - start) / Double(frames))
            precondition(cells == 0, "an unchanged grid was painted")
        }

        // Warm up, then interleaved rounds (alternating which kind of frame goes first).
        fullPhase(4, timed: false)
        linePhase(4, timed: false)
        for round in 0..<rounds {
            if round % 2 == 0 {
                fullPhase(framesPerRound, timed: true)
                linePhase(framesPerRound, timed: true)
            } else {
                linePhase(framesPerRound, timed: true)
                fullPhase(framesPerRound, timed: true)
            }
        }

        // Bytes the terminal receives per frame, counted once the drain thread has caught up.
        let counted = 20
        var before = terminal.settle()
        fullPhase(counted, timed: false)
        let fullBytes = Double(terminal.settle() - before) / Double(counted)
        var unused: [Int] = []
        _ = frame(line[1], cells: &unused)
        before = terminal.settle()
        // The phase's untimed first frame now paints nothing new: the screen already shows that state.
        linePhase(counted, timed: false)
        let lineBytes = Double(terminal.settle() - before) / Double(counted)

        return FrameResult(
            columns: columns, rows: rows,
            fullCells: fullCells.max() ?? 0, lineCells: lineCells.max() ?? 0,
            fullBytes: fullBytes, lineBytes: lineBytes,
            fullRender: fullRender.median, fullPaint: fullPaint.median, fullFrame: fullFrame.median,
            lineRender: lineRender.median, linePaint: linePaint.median, lineFrame: lineFrame.median,
            unchangedPaint: unchangedPaint.median)
    }
}
