@preconcurrency import CNCurses
import Foundation
import SynthUI
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

/// Curses on a headless terminal: `newterm("xterm-256color")` reading a pipe and writing /dev/null.
/// Curses keeps global state, so every curses test lives in this one class (XCTest runs them one at a time).
final class TerminalScreenTests: XCTestCase {
    var inputRead: Int32 = -1
    var inputWrite: Int32 = -1
    private var devNull: Int32 = -1
    var screen: TerminalScreen!

    override func setUpWithError() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&fds), 0)
        inputRead = fds[0]
        inputWrite = fds[1]
        devNull = open("/dev/null", O_WRONLY)
        screen = try TerminalScreen(
            theme: .builtInDefault, colors: .fixed(.palette256),
            device: .headless(terminalType: "xterm-256color", input: inputRead, output: devNull),
            environment: [:])
    }

    override func tearDown() {
        screen?.close()
        screen = nil
        for fd in [inputRead, inputWrite, devNull] where fd >= 0 { close(fd) }
    }

    /// What curses holds at one cell: its characters, attributes and colour pair.
    private func cellOnScreen(x: Int, y: Int) -> (text: String, attributes: attr_t, pair: Int16) {
        var character = cchar_t()
        XCTAssertEqual(mvwin_wch(sp_stdscr(), Int32(y), Int32(x), &character), OK)
        var scalars = [wchar_t](repeating: 0, count: 8)
        var attributes: attr_t = 0
        var pair: Int16 = 0
        getcchar(&character, &scalars, &attributes, &pair, nil)
        let text = String(String.UnicodeScalarView(
            scalars.prefix { $0 != 0 }.compactMap { Unicode.Scalar(UInt32(bitPattern: $0)) }))
        // Curses keeps the pair inside the attributes too; compare the attribute bits alone.
        return (text, attributes & ~sp_a_color(), pair)
    }

    private func sampleGrid(rows: Int, columns: Int) -> CellGrid {
        var grid = CellGrid(columns: columns, rows: rows)
        grid.write("a", x: 0, y: 0, style: .plain)
        grid.write("é", x: 1, y: 0, style: CellStyle(.outputText))
        grid.write("中", x: 2, y: 0, style: CellStyle(.error))
        grid.write("🙂", x: 4, y: 0, style: .plain)
        grid.write("e\u{301}", x: 6, y: 0, style: CellStyle(.promptText, [.underline]))
        grid.write("bold", x: 0, y: 1, style: CellStyle(.text, [.bold]))
        grid.write("status", x: 0, y: 2, style: CellStyle(.statusBar, [.reverse]))
        return grid
    }

    /// A picture's cells bring their own colours: each pair of them gets a curses pair of its own, reduced to the
    /// palette, and the same pair is used again for the same colours.
    func testPictureCellsPaintInTheirOwnColours() {
        var grid = CellGrid(columns: 4, rows: 1)
        let red = CellColors(foreground: .rgb(255, 0, 0), background: .rgb(0, 0, 255))
        grid.put("▀", x: 0, y: 0, style: CellStyle(.text, colors: red))
        grid.put("▀", x: 1, y: 0, style: CellStyle(.text, colors: red))
        grid.put("▄", x: 2, y: 0, style: CellStyle(.text, colors: CellColors(foreground: .rgb(0, 255, 0),
                                                                              background: .rgb(0, 0, 0))))
        screen.paint(grid)
        let first = cellOnScreen(x: 0, y: 0), second = cellOnScreen(x: 1, y: 0), third = cellOnScreen(x: 2, y: 0)
        XCTAssertEqual(first.text, "▀")
        XCTAssertEqual(first.pair, second.pair)
        XCTAssertNotEqual(first.pair, third.pair)
        XCTAssertGreaterThan(Int(first.pair), ThemeRole.allCases.count, "not a theme role's pair")
        var foreground: Int16 = 0, background: Int16 = 0
        pair_content(first.pair, &foreground, &background)
        XCTAssertEqual(foreground, Int16(ThemeColor.nearest256(255, 0, 0)))
        XCTAssertEqual(background, Int16(ThemeColor.nearest256(0, 0, 255)))
    }

    func testPaintRoundTripsGraphemesStylesAndColours() {
        let (rows, columns) = screen.size
        XCTAssertGreaterThan(rows, 3)
        XCTAssertGreaterThan(columns, 10)
        let grid = sampleGrid(rows: rows, columns: columns)
        let painted = screen.paint(grid)
        let continuations = grid.cells.filter(\.isContinuation).count
        XCTAssertEqual(continuations, 2, "中 and 🙂 each leave one continuation cell")
        XCTAssertEqual(painted, rows * columns - continuations, "the first frame paints every cell")

        for y in 0..<rows {
            for x in 0..<columns {
                let cell = grid[x, y]
                if cell.isContinuation { continue }
                let onScreen = cellOnScreen(x: x, y: y)
                XCTAssertEqual(onScreen.text, cell.text, "text at \(x),\(y)")
                XCTAssertEqual(onScreen.attributes, screen.colorPairs.attributes(for: cell.style), "attributes at \(x),\(y)")
                XCTAssertEqual(onScreen.pair, screen.colorPairs.pair(for: cell.style.role), "colour pair at \(x),\(y)")
            }
        }
        XCTAssertEqual(cellOnScreen(x: 6, y: 0).text, "e\u{301}", "a combining mark travels with its base")
        XCTAssertNotEqual(cellOnScreen(x: 2, y: 0).pair, cellOnScreen(x: 0, y: 0).pair, "roles get their own pairs")
        XCTAssertNotEqual(cellOnScreen(x: 0, y: 1).attributes & sp_a_bold(), 0)
    }

    func testSecondPaintWritesOnlyTheChangedCells() {
        let (rows, columns) = screen.size
        var grid = sampleGrid(rows: rows, columns: columns)
        screen.paint(grid)
        grid.write("hello", x: 0, y: 5, style: .plain)
        XCTAssertEqual(screen.paint(grid), 5)
        XCTAssertEqual(cellOnScreen(x: 4, y: 5).text, "o")
        XCTAssertEqual(screen.paint(grid), 0, "an unchanged frame writes nothing")

        // Replacing a wide character with two narrow ones rewrites both halves.
        grid.write("xy", x: 2, y: 0, style: .plain)
        XCTAssertEqual(screen.paint(grid), 2)
        XCTAssertEqual(cellOnScreen(x: 2, y: 0).text, "x")
        XCTAssertEqual(cellOnScreen(x: 3, y: 0).text, "y")
        XCTAssertEqual(screen.cellsPaintedLastFrame, 2)
    }

    func testPaintCountsAtOneHundredTwentyByForty() {
        resizeterm(40, 120)
        XCTAssertEqual(screen.size.rows, 40)
        XCTAssertEqual(screen.size.columns, 120)
        var grid = CellGrid(columns: 120, rows: 40)
        for y in 0..<40 {
            grid.write("line \(y): the quick brown fox 中文 🙂 jumps over the lazy dog, again and again, é è ê",
                       x: 0, y: y, style: CellStyle(y % 2 == 0 ? .outputText : .promptText))
        }
        // Cells painted are counted, not timed (the time of a frame is measured by `make bench-ui`).
        let full = screen.paint(grid)
        XCTAssertEqual(full, 120 * 40 - grid.cells.filter(\.isContinuation).count)
        XCTAssertEqual(screen.cellsPaintedLastFrame, full)
        grid.write("a changed line, nothing else", x: 0, y: 39, style: .plain)
        let incremental = screen.paint(grid)
        XCTAssertGreaterThan(incremental, 0)
        XCTAssertLessThan(incremental, 120, "only the changed line's cells")
        XCTAssertEqual(screen.cellsPaintedLastFrame, incremental)
        XCTAssertEqual(screen.paint(grid), 0, "an unchanged frame paints nothing")
    }

    func testResumeForcesAFullRepaint() {
        let (rows, columns) = screen.size
        let grid = sampleGrid(rows: rows, columns: columns)
        screen.paint(grid)
        screen.setTheme(.builtInMono)
        XCTAssertEqual(screen.paint(grid), rows * columns - 2, "a new theme repaints everything")
    }

    /// Replaces the screen from setUp with one opened under other colour settings.
    private func reopen(colors: ColorChoice, environment: [String: String],
                        terminalType: String = "xterm-256color") throws {
        screen.close()
        screen = try TerminalScreen(
            theme: .builtInDefault, colors: colors,
            device: .headless(terminalType: terminalType, input: inputRead, output: devNull),
            environment: environment)
    }

    /// The exact 24-bit colour a role's foreground shows (curses keeps channels as 0…1000).
    private func foregroundRGB(_ role: ThemeRole) -> (Int32, Int32, Int32) {
        var foreground: Int32 = 0
        var background: Int32 = 0
        extended_pair_content(Int32(screen.colorPairs.pair(for: role)), &foreground, &background)
        var r: Int32 = 0, g: Int32 = 0, b: Int32 = 0
        extended_color_content(foreground, &r, &g, &b)
        return (r * 255 / 1000, g * 255 / 1000, b * 255 / 1000)
    }

    func testTrueColourWhenTheTerminalSaysSoAndItsPaletteCanBeSet() throws {
        // xterm-256color can redefine its palette (ccc): each theme colour gets a slot of its own, exact.
        try reopen(colors: .automatic, environment: ["COLORTERM": "truecolor"])
        XCTAssertEqual(screen.colorDepth, .trueColor)
        let (r, g, b) = foregroundRGB(.paneBorder)  // #5f6b7a in the default theme
        XCTAssertTrue(abs(r - 0x5f) <= 1 && abs(g - 0x6b) <= 1 && abs(b - 0x7a) <= 1, "\(r) \(g) \(b)")
        let (fr, fg, fb) = foregroundRGB(.focusedBorder)  // #5fafff
        XCTAssertTrue(abs(fr - 0x5f) <= 1 && abs(fg - 0xaf) <= 1 && abs(fb - 0xff) <= 1, "\(fr) \(fg) \(fb)")

        // Without the terminal saying so, 256 colours (terminfo cannot tell whether the emulator shows 24 bits).
        try reopen(colors: .automatic, environment: [:])
        XCTAssertEqual(screen.colorDepth, .palette256)
        // Asked for, it is used where curses can.
        try reopen(colors: .fixed(.trueColor), environment: [:])
        XCTAssertEqual(screen.colorDepth, .trueColor)
        // A terminal whose palette is fixed (tmux-256color has no ccc) falls back to 256.
        try reopen(colors: .fixed(.trueColor), environment: ["COLORTERM": "truecolor"], terminalType: "tmux-256color")
        XCTAssertEqual(screen.colorDepth, .palette256)
        XCTAssertLessThan(screen.colorPairs.pair(for: .paneBorder), 256)
    }

    func testColourDepthFallsBackAndNoColorMeansNone() throws {
        XCTAssertEqual(screen.colorDepth, .palette256)

        try reopen(colors: .fixed(.basic8), environment: [:])
        XCTAssertEqual(screen.colorDepth, .basic8)
        for role in ThemeRole.allCases {
            var foreground: Int16 = 0
            var background: Int16 = 0
            let pair = screen.colorPairs.pair(for: role)
            XCTAssertGreaterThan(pair, 0)
            pair_content(pair, &foreground, &background)
            XCTAssertTrue((-1..<8).contains(foreground) && (-1..<8).contains(background),
                          "\(role): \(foreground)/\(background) on an 8-colour terminal")
        }

        try reopen(colors: .automatic, environment: ["NO_COLOR": "1"])
        XCTAssertEqual(screen.colorDepth, .monochrome)
        XCTAssertTrue(ThemeRole.allCases.allSatisfy { screen.colorPairs.pair(for: $0) == 0 })
        // Without colour, the theme's attributes still tell roles apart.
        XCTAssertNotEqual(screen.colorPairs.attributes(for: CellStyle(.focusedBorder)) & sp_a_bold(), 0)
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        XCTAssertEqual(bytes.withUnsafeBytes { write(inputWrite, $0.baseAddress, $0.count) }, bytes.count)
    }

    private func readInput() -> [TerminalInput] {
        var keystrokes: [Keystroke] = []
        screen.readKeystrokes(into: &keystrokes)
        var decoder = KeyDecoder(keyCodes: screen.keyCodes)
        var out = decoder.decode(keystrokes)
        decoder.flush(into: &out)
        return out
    }

    func testKeysThroughCursesIncludingExtendedNames() {
        // Keypad-transmit mode: xterm sends ESC O A for Up; Ctrl-Up is the extended name kUP5.
        send("a\u{1B}OA\u{1B}[1;5A\u{1B}[1;2D\u{1B}[Z\u{1B}OP\u{7F}\u{1B}[3~é")
        XCTAssertEqual(readInput(), [
            .key(.char("a")), .key(KeyPress(.up)), .key(KeyPress(.up, .control)), .key(KeyPress(.left, .shift)),
            .key(KeyPress(.tab, .shift)), .key(KeyPress(.function(1))), .key(KeyPress(.backspace)),
            .key(KeyPress(.delete)), .key(.char("é")),
        ])
    }

    func testBracketedPasteThroughCurses() {
        send("x\u{1B}[200~line one\r\nline two\u{1B}[201~y")
        XCTAssertEqual(readInput(), [.key(.char("x")), .paste("line one\nline two"), .key(.char("y"))])
    }

    func testMouseThroughCursesKeepsEveryReportInOrder() {
        screen.paint(CellGrid(columns: screen.size.columns, rows: screen.size.rows))
        // Press, drag, release and a wheel notch arriving in one read.
        send("\u{1B}[<0;5;3M\u{1B}[<32;6;3M\u{1B}[<0;6;3m\u{1B}[<64;1;1M")
        XCTAssertEqual(readInput(), [
            .mouse(MouseReport(action: .press(button: 1), row: 2, column: 4)),
            .mouse(MouseReport(action: .drag, row: 2, column: 5)),
            .mouse(MouseReport(action: .release(button: 1), row: 2, column: 5)),
            .mouse(MouseReport(action: .wheelUp, row: 0, column: 0)),
        ])
    }

    func testKeysAfterABulkReadPasteStillDecode() {
        let reader = TerminalReader(keyCodes: screen.keyCodes)
        send("a\u{1B}[200~pasted é")
        var out: [TerminalInput] = []
        XCTAssertTrue(reader.read(from: screen, into: &out))
        // The rest arrives later, read in bulk (bypassing curses): the end marker, then keys.
        send(" text\u{1B}[201~b\u{1B}[A\u{1B}[1;5C")
        XCTAssertTrue(reader.read(from: screen, into: &out))
        XCTAssertEqual(out, [.key(.char("a")), .paste("pasted é text"), .key(.char("b")), .key(KeyPress(.up)),
                             .key(KeyPress(.right, .control))])
        XCTAssertFalse(reader.read(from: screen, into: &out), "nothing left to read")
    }

    func testOneMegabytePasteThroughCursesLandsWellUnderASecond() throws {
        var body = ""
        while body.utf8.count < 1_048_576 { body += "pasted text, with unicode: é中🙂\n" }
        let bytes = Array(("\u{1B}[200~" + body + "\u{1B}[201~").utf8)
        let writer = inputWrite
        // The pipe holds 64 KB: a second thread keeps it full while curses drains it.
        let writerThread = Thread {
            var offset = 0
            bytes.withUnsafeBytes { buffer in
                while offset < buffer.count {
                    let n = write(writer, buffer.baseAddress! + offset, buffer.count - offset)
                    if n <= 0 { break }
                    offset += n
                }
            }
        }
        let start = ContinuousClock.now
        writerThread.start()
        let reader = TerminalReader(keyCodes: screen.keyCodes)
        var out: [TerminalInput] = []
        while out.isEmpty, ContinuousClock.now - start < .seconds(60) {
            var descriptor = pollfd(fd: inputRead, events: Int16(POLLIN), revents: 0)
            _ = poll(&descriptor, 1, 100)
            _ = reader.read(from: screen, into: &out)
        }
        // Waits up to a minute for the whole paste; its speed is a benchmark's business (UIBench), not a test's.
        XCTAssertEqual(out, [.paste(body)])
    }
}
