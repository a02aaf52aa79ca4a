import Foundation
import SynthUI
import TestPeer
import SynthRuntime
import XCTest

/// The real `synthpad` binary in tmux against the embedded local engine — what a newcomer gets from `make run`:
/// type a prompt, run it, watch it stream, move a slider, cancel, resize mid-stream, and find the prompt again
/// after a `kill -9`. CI installs tmux and fetches the model, so a missing one is a failure, not a skip.
final class SynthpadPlayEndToEndTests: XCTestCase {
    private var home = ""
    private var sessions: [TmuxSession] = []

    override func setUpWithError() throws {
        try requireInSetUp { try TmuxSession.require() }
        home = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-play-\(UUID().uuidString)").path
    }

    override func tearDown() {
        sessions.forEach { $0.close() }
        try? FileManager.default.removeItem(atPath: home)
    }

    private func startPlayground(columns: Int = 120, rows: Int = 40, arguments: String = "") throws -> TmuxSession {
        let binary = try SynthpadProcess.requireBinary().path
        let model = try TestModel.require()
        // No --backend: with no key anywhere, synthpad must choose the embedded engine by itself.
        let session = try TmuxSession(
            command: binary + arguments, columns: columns, rows: rows,
            environment: ["XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
                          "SYNTHPAD_MODEL": model, "TERM": "tmux-256color"])
        sessions.append(session)
        XCTAssertTrue(session.waitFor("Prompt", timeout: 30), session.capture())
        return session
    }

    private func outputText(_ screen: String) -> String {
        // The output pane is the left column below the prompt pane, inside its border.
        screen.split(separator: "\n").drop { !$0.contains("Output") }.dropFirst().prefix(20)
            .map { String($0.dropFirst().prefix(72)) }.joined(separator: "\n")
    }

    /// `--model` twice: the embedded engine serves both, F4 switches, and each answers under its own id.
    func testTwoModelsSideBySideWithoutANetwork() throws {
        let model = try TestModel.require()
        let session = try startPlayground(arguments: " --model first=\(TmuxSession.shellQuoted(model))"
                                              + " --model second=\(TmuxSession.shellQuoted(model))")
        XCTAssertTrue(session.waitFor("first (local)"), session.capture())
        session.type("Hello")
        session.sendKeys("F4")
        XCTAssertTrue(session.waitFor("second (local)"), session.capture())
        session.sendKeys("F5")
        let answered = session.waitForScreen(timeout: 60) { $0.contains("idle") && $0.contains("tok/s") }
        XCTAssertTrue(answered.matched, answered.screen)
        XCTAssertTrue(answered.screen.contains("local · second"), answered.screen)
    }

    func testNewcomerRunsAPromptWatchesItStreamAndSeesCreditsChange() throws {
        let session = try startPlayground()
        XCTAssertTrue(session.waitFor("local"), "the status bar should name the local backend:\n\(session.capture())")
        let creditsBefore = session.capture()
        session.type("The capital of France is")
        session.sendKeys("F5")
        // Streamed text shows up while the request is still running (sampling is random: any text counts).
        let streaming = session.waitForScreen(timeout: 30) { screen in
            let answer = self.outputText(screen).replacingOccurrences(of: "The capital of France is", with: "")
            return screen.contains("streaming") && answer.contains { !$0.isWhitespace }
        }
        XCTAssertTrue(streaming.matched, "no text while streaming:\n\(streaming.screen)")
        // Then the request ends with its stats, and the credits show what it cost.
        // (A rate shows only over enough tokens and time; the time to first token always does.)
        let finished = session.waitForScreen(timeout: 120) { $0.contains("ttft") && $0.contains("idle") }
        XCTAssertTrue(finished.matched, "the completion did not finish:\n\(finished.screen)")
        // The balance is asked for again once the request is over; its answer follows a moment later.
        let charged = session.waitForScreen(timeout: 15) { $0.contains("(-") }
        XCTAssertTrue(charged.matched, "the credits change is not shown:\n\(charged.screen)")
        XCTAssertNotEqual(creditsBefore, charged.screen)
    }

    func testSliderMovesAndCancelAndResizeMidStreamLoseNothing() throws {
        let session = try startPlayground()
        // Tab to the parameters, down to temperature, one fine step right.
        session.sendKeys("Tab")
        session.sendKeys("Down")
        session.sendKeys("Right")
        XCTAssertTrue(session.waitFor("1.05"), "temperature did not move:\n\(session.capture())")

        session.sendKeys("BTab")
        session.type("Once upon a time")
        session.sendKeys("F5")
        let streaming = session.waitForScreen(timeout: 30) { $0.contains("streaming") }
        XCTAssertTrue(streaming.matched, streaming.screen)
        // Resize while tokens arrive: the prompt and the text so far survive the new layout.
        session.resize(columns: 90, rows: 30)
        let resized = session.waitForScreen(timeout: 10) { screen in
            screen.split(separator: "\n").allSatisfy { $0.count <= 90 } && screen.contains("Once upon a time")
        }
        XCTAssertTrue(resized.matched, resized.screen)
        // Escape cancels at once; the partial output stays.
        session.sendKeys("Escape")
        let cancelled = session.waitForScreen(timeout: 10) { $0.contains("idle") || $0.contains("cancel") }
        XCTAssertTrue(cancelled.matched, cancelled.screen)
        XCTAssertTrue(cancelled.screen.contains("Once upon a time"), cancelled.screen)
    }

    func testKillNineThenRestartRestoresThePromptAndParameters() throws {
        let first = try startPlayground()
        first.type("A prompt that must survive kill -9")
        first.sendKeys("Tab")
        first.sendKeys("Down")
        first.sendKeys("Right")
        XCTAssertTrue(first.waitFor("1.05"), first.capture())
        // Autosave runs a moment after each change; give it that moment, then kill without warning.
        Thread.sleep(forTimeInterval: 2.5)
        let pid = pid_t(first.paneFormat("#{pane_pid}").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        XCTAssertGreaterThan(pid, 0)
        // The embedded engine is a child `synthpad serve`; it must not outlive the playground, even a killed one.
        let engines = Self.children(of: pid)
        XCTAssertEqual(engines.count, 1, "one engine process")
        kill(pid, SIGKILL)
        _ = first.waitForScreen(timeout: 5) { _ in first.programHasExited }
        first.close()
        let deadline = Date(timeIntervalSinceNow: 5)
        while engines.contains(where: { kill($0, 0) == 0 }), Date() < deadline { usleep(20_000) }
        XCTAssertFalse(engines.contains { kill($0, 0) == 0 }, "the engine outlived the killed playground")

        let second = try startPlayground()
        XCTAssertTrue(second.waitFor("A prompt that must survive kill -9", timeout: 10), second.capture())
        XCTAssertTrue(second.waitFor("1.05"), second.capture())
        // The session file is whole JSON, never a torn write.
        let saved = try SessionFile.load(from: home + "/state/synthpad/session.json")
        XCTAssertEqual(saved?.prompt, "A prompt that must survive kill -9")
    }

    /// Processes whose parent is `pid` (from /proc).
    static func children(of pid: pid_t) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter { candidate in
            guard let stat = try? String(contentsOfFile: "/proc/\(candidate)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            // Fields after the command name: state, then the parent's pid.
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 1 && pid_t(fields[1]) == pid
        }
    }
}
