import Foundation
import TestPeer
import XCTest

/// The token inspector in the real binary, in tmux, on the embedded local engine: run with per-token data, walk to
/// a token, pick an alternative, branch, and find the branch in a new tab starting with the prefix and the pick
/// while the original answer stays.
final class TokenInspectorEndToEndTests: XCTestCase {
    private var home = ""
    private var session: TmuxSession?

    override func setUpWithError() throws {
        try requireInSetUp { try TmuxSession.require() }
        home = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-inspect-\(UUID().uuidString)").path
    }

    override func tearDown() {
        session?.close()
        try? FileManager.default.removeItem(atPath: home)
    }

    /// The text between “ and ” on the popup's line that holds `marker` (a token as the popup quotes it).
    private func quotedToken(on screen: String, marker: String) -> String? {
        guard let line = screen.split(separator: "\n").first(where: { $0.contains(marker) }),
              let open = line.range(of: "“"), let close = line.range(of: "”", range: open.upperBound..<line.endIndex)
        else { return nil }
        return String(line[open.upperBound..<close.lowerBound])
    }

    /// The output pane's first text row (inside its border).
    private func firstOutputRow(_ screen: String) -> String {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
        guard let top = rows.firstIndex(where: { $0.hasPrefix("┏ Output") || $0.hasPrefix("┌ Output") }),
              rows.indices.contains(top + 1) else { return "" }
        return String(rows[top + 1].dropFirst().prefix { $0 != "┃" && $0 != "│" })
    }

    func testBranchFromAnAlternativeStreamsIntoANewTab() throws {
        let binary = try SynthpadProcess.requireBinary().path
        let model = try TestModel.require()
        let terminal = try TmuxSession(
            command: binary, columns: 120, rows: 36,
            environment: ["XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
                          "XDG_DATA_HOME": home + "/data", "SYNTHPAD_MODEL": model, "TERM": "tmux-256color"])
        session = terminal
        XCTAssertTrue(terminal.waitFor("Prompt", timeout: 30), terminal.capture())
        terminal.type("The capital of France is")
        // The engine's capability comes with the server's engine list, read in the background at start.
        var on = false
        for _ in 0..<40 where !on {
            terminal.sendKeys("C-t")
            on = terminal.waitFor("token inspector on: tokens coloured", timeout: 1)
            if !on { terminal.sendKeys("C-t") }
        }
        XCTAssertTrue(on, terminal.capture())
        terminal.sendKeys("F5")
        let answered = terminal.waitForScreen(timeout: 120) { $0.contains("idle") && $0.contains("token 1/") }
        XCTAssertTrue(answered.matched, answered.screen)
        let original = firstOutputRow(answered.screen)
        let first = try XCTUnwrap(quotedToken(on: answered.screen, marker: "· model"), answered.screen)

        // The second token, and an alternative that writes text on the same line.
        terminal.sendKeys("Right")
        XCTAssertTrue(terminal.waitFor("token 2/"), terminal.capture())
        var pick = quotedToken(on: terminal.capture(), marker: "▶") ?? ""
        for _ in 0..<4 where pick.isEmpty || pick.contains("⏎") || pick.contains("⇥") {
            terminal.sendKeys("Down")
            Thread.sleep(forTimeInterval: 0.3)
            pick = quotedToken(on: terminal.capture(), marker: "▶") ?? pick
        }
        terminal.sendKeys("Enter")
        let branched = terminal.waitForScreen(timeout: 120) { screen in
            screen.contains("branch of 1 at token 2") && screen.contains("idle") && screen.contains(" 2 ")
        }
        XCTAssertTrue(branched.matched, branched.screen)
        // A pick that breaks the line (every alternative did) ends the first row with the prefix.
        let breaks = pick.contains("⏎") || pick.contains("⇥")
        let expected = "The capital of France is" + first + (breaks ? "" : pick)
        XCTAssertTrue(firstOutputRow(branched.screen).hasPrefix(expected),
                      "expected the branch to start with \(expected):\n\(branched.screen)")
        XCTAssertTrue(branched.screen.contains("branch of 1 at token 2: “\(pick)”"), branched.screen)
        // The original answer is still there, in tab 1.
        terminal.sendKeys("[")
        XCTAssertTrue(terminal.waitForScreen { self.firstOutputRow($0) == original }.matched, terminal.capture())
    }
}
