// The real `synthpad` playground on a real terminal (tmux) under terminal faults: a resize storm mid-stream, a
// 10×4 terminal, a 1 MB bracketed paste, and kill -9 at random moments. The server is TestPeer (a scripted TEST
// DOUBLE), so streams are fast and their text known. Each case: no crash, a clear screen, nothing typed or
// streamed lost.
import Foundation
import TestPeer
import XCTest

final class TerminalFaultTests: TerminalFaultTestCase {
    func testResizeStormDuringAStreamLosesNothing() throws {
        let words = Self.words(60)
        peer.route(path, .textSynthStream(words, pause: 0.04))
        let terminal = try openPlayground()
        waitForPlayground(terminal)
        terminal.type("Storm prompt")
        terminal.sendKeys("F5")
        XCTAssertTrue(terminal.waitFor("streaming", timeout: 10), terminal.capture())

        // 50 sizes, tiny ones included, about 25 ms apart while the words arrive (seeded: a failure replays).
        var random = SeededRandom(seed: SeededRandom.seedFromEnvironment)
        let fixed = [(10, 4), (1, 1), (200, 60), (39, 11), (40, 12), (2, 30), (150, 3)]
        let sizes = fixed + (0..<43).map { _ in
            (Int.random(in: 1...180, using: &random), Int.random(in: 1...55, using: &random))
        }
        let storm = Date()
        for (columns, rows) in sizes {
            terminal.resize(columns: columns, rows: rows)
            usleep(20_000)  // spreads the storm over the stream, so frames are painted at many sizes (not a check)
        }
        let stormSeconds = Date().timeIntervalSince(storm)
        let (finalColumns, finalRows) = (90, 28)
        terminal.resize(columns: finalColumns, rows: finalRows)

        let settled = terminal.waitForScreen(timeout: 20) { screen in
            screen.contains(" idle ") && screen.contains(words.last!.dropFirst())
                && Self.isWholeFrame(screen, columns: finalColumns, rows: finalRows)
        }
        note("TUI: 50 resizes (1×1…200×60) mid-stream",
             saw: (settled.matched ? "whole \(finalColumns)×\(finalRows) frame, idle, all 60 words; " : "")
                + String(format: "storm %.1f s; ", stormSeconds) + (terminal.programHasExited ? "EXITED" : "alive"))
        XCTAssertFalse(terminal.programHasExited, "synthpad died in the resize storm:\n\(settled.screen)")
        XCTAssertTrue(settled.matched, "no coherent \(finalColumns)×\(finalRows) frame after the storm:\n\(settled.screen)")
        XCTAssertTrue(settled.screen.contains("Storm prompt"), settled.screen)
        XCTAssertFalse(settled.screen.contains("too small"), "a stale notice survived:\n\(settled.screen)")
        // Every streamed word arrived and is kept: on screen, and in the session written after the stream ended.
        let text = words.joined()
        let saved = waitForSavedSession { $0.outputs.first == text }
        XCTAssertEqual(saved?.outputs.first, text)
        XCTAssertEqual(saved?.prompt, "Storm prompt")
        XCTAssertTrue(outputPaneText(settled.screen).contains("w01 w02"), settled.screen)
    }

    func testTenByFourTerminalSaysTooSmallThenRecoversEverything() throws {
        // First some work to lose: a prompt and a finished output, saved.
        let words = Self.words(6)
        peer.route(path, .textSynthStream(words))
        let terminal = try openPlayground()
        waitForPlayground(terminal)
        terminal.type("Tiny terminal prompt")
        terminal.sendKeys("F5")
        XCTAssertNotNil(waitForSavedSession { $0.outputs.first == words.joined() }, "the output was not saved")
        killNine(terminal)

        // Reopened on a 10×4 terminal: a message that fits, no crash.
        terminal.resize(columns: 10, rows: 4)
        try terminal.restart()
        // The message is painted in more than one write: wait for all of it, not its first line.
        let small = terminal.waitForScreen(timeout: 20) { $0.contains("too small") && $0.contains("40×12") }
        let rows = screenRows(small.screen)
        note("TUI: started at 10×4, then 100×30", saw: rows.map { $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: " / "))
        XCTAssertTrue(small.matched, "no \"too small\" message at 10×4:\n\(small.screen)")
        XCTAssertEqual(rows.count, 4, small.screen)
        XCTAssertTrue(rows.contains { $0.contains("terminal") }, small.screen)
        XCTAssertTrue(small.screen.contains("40×12"), "the needed size is not said:\n\(small.screen)")
        XCTAssertFalse(small.screen.contains("…"), "the message is cut off:\n\(small.screen)")
        // A paste while too small still goes into the prompt.
        terminal.paste(" plus a paste")
        Thread.sleep(forTimeInterval: 0.3)  // lets it land while the terminal is still tiny (not an assertion)
        XCTAssertFalse(terminal.programHasExited, "synthpad died at 10×4")

        terminal.resize(columns: 100, rows: 30)
        let full = terminal.waitForScreen(timeout: 10) { screen in
            screen.contains("Tiny terminal prompt plus a paste") && Self.isWholeFrame(screen, columns: 100, rows: 30)
        }
        XCTAssertTrue(full.matched, "the playground did not come back whole:\n\(full.screen)")
        XCTAssertTrue(outputPaneText(full.screen).contains(words.joined().dropFirst()), "the output was lost:\n\(full.screen)")
        XCTAssertFalse(full.screen.contains("too small"), full.screen)
    }

    func testOneMegabytePasteLandsWholeAndQuickly() throws {
        // The test double counts "tokens" as words, so the prompt's title shows how much of the prompt it was sent.
        peer.route("/v1/engines/gptj_6B/tokenize") { request in
            let text = (request.json?["text"] as? String) ?? ""
            let count = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
            return .json(["tokens": Array(repeating: 1, count: count)])
        }
        let terminal = try openPlayground()
        waitForPlayground(terminal)
        var lines: [String] = []
        var size = 0
        while size < 1_048_576 {
            let line = String(format: "line %06d: the quick brown fox jumps over the lazy dog, é and 中", lines.count)
            lines.append(line)
            size += line.utf8.count + 1
        }
        let text = lines.joined(separator: "\n") + "\nEND-OF-PASTE"
        let started = Date()
        terminal.paste(text)
        let landed = terminal.waitForScreen(timeout: 30) { $0.contains("END-OF-PASTE") }
        let seconds = Date().timeIntervalSince(started)
        XCTAssertTrue(landed.matched, "the end of the paste never showed:\n\(landed.screen)")

        // Still responsive: a key typed right after shows (its latency is `make bench-tui`'s figure, not a check).
        let typed = Date()
        terminal.type("Z")
        XCTAssertTrue(terminal.waitFor("END-OF-PASTEZ", timeout: 5), terminal.capture())
        let keySeconds = Date().timeIntervalSince(typed)
        let words = (text + "Z").split(whereSeparator: { $0 == " " || $0 == "\n" }).count
        let counted = terminal.waitFor("\(words)/2048", timeout: 10)
        let saved = waitForSavedSession(timeout: 15) { $0.prompt.count == text.count + 1 }
        note("TUI: 1 MB bracketed paste into the prompt",
             saw: String(format: "%d bytes on screen in %.2f s; next key %.2f s; ", text.utf8.count, seconds, keySeconds)
                + (counted ? "title counts \(words) words; " : "") + "saved \(saved?.prompt.utf8.count ?? 0) bytes")
        XCTAssertTrue(counted, "the whole prompt did not reach the tokenizer:\n\(terminal.capture())")
        // Byte for byte (tmux turns line feeds into carriage returns; the playground turns them back).
        XCTAssertEqual(saved?.prompt.utf8.count, text.utf8.count + 1)
        XCTAssertTrue(saved?.prompt == text + "Z", "the saved prompt differs from the paste")
        XCTAssertFalse(terminal.programHasExited)
    }

    // MARK: - Screen checks

    /// A whole frame at this size: `rows` rows, the prompt pane's top border first, the status bar last, and every
    /// row in between reaching the right edge with a pane border (no leftover of an earlier size).
    static func isWholeFrame(_ screen: String, columns: Int, rows: Int) -> Bool {
        let lines = screenRows(screen)
        guard lines.count == rows, let first = lines.first, let last = lines.last else { return false }
        guard first.hasPrefix("┏ Prompt") || first.hasPrefix("┌ Prompt"), last.contains(" url · ") else { return false }
        return lines.dropLast().allSatisfy { $0.count == columns && "┐┓│┃┘┛".contains($0.last!) }
    }

    /// The output pane's rows (below its title, inside its left border), joined.
    func outputPaneText(_ screen: String) -> String {
        screenRows(screen).drop { !$0.contains("Output") }.dropFirst()
            .map { String($0.dropFirst().prefix { !"│┃".contains($0) }) }.joined(separator: "\n")
    }
}
