import Foundation
import SynthKit
import SynthUI
import TestPeer
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

/// The real playground on a real terminal (tmux): the test bundle runs itself again inside a tmux pane,
/// where `testPlaygroundInsideTmux` opens the playground; the other tests type, paste, resize and read
/// the pane back. Until the CLI wires `synthpad play`, this is how the whole backend is exercised end to end.
final class PlaygroundEndToEndTests: XCTestCase {
    private static let childVariable = "SYNTHPAD_TTY_E2E_SESSION"

    /// Two roles, chosen by the environment. Inside the tmux pane (`SYNTHPAD_TTY_E2E_SESSION` set) it *is* the
    /// playground process of these tests. In a normal run it is a test of that role: it opens the pane, sees the
    /// playground draw, quits it with Ctrl-Q and checks the run inside the pane passed (its exit status is 0) —
    /// never a skip.
    func testPlaygroundInsideTmux() throws {
        if let sessionPath = ProcessInfo.processInfo.environment[Self.childVariable] {
            // Port 9 (discard) on loopback: nothing listens, so a Run fails fast with a connection error.
            let configuration = PlaygroundConfiguration(
                backend: .textSynth(TextSynthClient(baseURL: "http://127.0.0.1:9")), backendName: "local",
                sessionPath: sessionPath, hasCredits: false)
            XCTAssertEqual(try Playground.run(configuration: configuration), 0)
            return
        }
        let session = try startPlayground(underShell: true)
        let opened = session.waitForScreen { $0.contains("Prompt") }
        XCTAssertTrue(opened.matched, "the playground did not draw:\n\(opened.screen)")
        session.sendKeys("C-q")
        XCTAssertTrue(session.waitFor("exited=0"), "the playground's run in the pane failed:\n\(session.capture())")
    }

    private var sessionPath = ""
    private var tmux: TmuxSession?

    override func setUpWithError() throws {
        guard ProcessInfo.processInfo.environment[Self.childVariable] == nil else { return }
        sessionPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("synthpad-e2e-\(getpid())-\(UUID().uuidString).json").path
    }

    override func tearDown() {
        tmux?.close()
        tmux = nil
        try? FileManager.default.removeItem(atPath: sessionPath)
    }

    /// Starts the playground in a fresh tmux server. `underShell`: run it from a shell that outlives it and
    /// then prints "exited=STATUS", so the terminal's state after the playground can be inspected.
    private func startPlayground(columns: Int = 120, rows: Int = 40, underShell: Bool = false) throws -> TmuxSession {
        try TmuxSession.require()
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let playground = "\(executable) TerminalBackendTests.PlaygroundEndToEndTests/testPlaygroundInsideTmux"
        let command = underShell
            ? "sh -c " + TmuxSession.shellQuoted("\(playground) 2>/dev/null; echo exited=$?; sleep 60") : playground
        let session = try TmuxSession(
            command: command,
            columns: columns, rows: rows,
            environment: [Self.childVariable: sessionPath, "TERM": "tmux-256color",
                          // The "editor" edits the prompt file in place, without a screen of its own.
                          "VISUAL": "", "EDITOR": "sed -i s/upon/UPON/"])
        tmux = session
        return session
    }

    func testTypesPastesResizesAndQuitsOnARealTerminal() throws {
        let session = try startPlayground()
        let opened = session.waitForScreen { $0.contains("Prompt") }
        XCTAssertTrue(opened.matched, "the playground did not draw:\n\(opened.screen)")

        session.type("Once upon a time")
        XCTAssertTrue(session.waitFor("Once upon a time"), session.capture())

        // Ctrl-E: the screen is suspended, $EDITOR runs on the prompt, the edited text comes back.
        session.sendKeys("C-e")
        XCTAssertTrue(session.waitFor("Once UPON a time"), session.capture())

        session.paste(" there was\na pasted line")
        XCTAssertTrue(session.waitFor("a pasted line"), session.capture())

        // Function keys and a quick Escape through a real terminal: help opens and closes.
        session.sendKeys("F1")
        XCTAssertTrue(session.waitFor("key closes"), session.capture())
        session.sendKeys("Escape")
        XCTAssertTrue(session.waitForScreen { !$0.contains("key closes") }.matched, session.capture())

        // Run starts a request (nothing listens, so it keeps retrying); Escape cancels it at once. The status bar
        // then says the backend is unreachable rather than idle.
        session.sendKeys("F5")
        XCTAssertTrue(session.waitFor("waiting"), session.capture())
        session.sendKeys("Escape")
        XCTAssertTrue(session.waitFor("cancelled"), session.capture())

        session.resize(columns: 90, rows: 30)
        let resized = session.waitForScreen { screen in
            screen.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 90 }
                && screen.contains("a pasted line")
        }
        XCTAssertTrue(resized.matched, resized.screen)

        session.sendKeys("C-q")
        let quit = session.waitForScreen { _ in session.programHasExited }
        XCTAssertTrue(quit.matched, "still running after Ctrl-Q:\n\(quit.screen)")
        let saved = try SessionFile.load(from: sessionPath)
        XCTAssertEqual(saved?.prompt, "Once UPON a time there was\na pasted line", "the session was saved on quit")
    }

    func testTerminalIsRestoredWhenThePlaygroundIsKilled() throws {
        let session = try startPlayground(columns: 100, rows: 30, underShell: true)
        XCTAssertTrue(session.waitFor("Prompt"), session.capture())
        let modes = "#{alternate_on} #{mouse_any_flag} #{mouse_sgr_flag}"
        XCTAssertEqual(session.paneFormat(modes), "1 1 1", "alternate screen and SGR mouse tracking are on")
        session.sendKeys("F1")  // any focus change: the cursor is hidden while help is open
        XCTAssertTrue(session.waitFor("key closes"), session.capture())
        XCTAssertEqual(session.paneFormat("#{cursor_flag}"), "0")

        let shell = session.paneFormat("#{pane_pid}")
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        guard let playground = children.split(separator: " ").first.flatMap({ pid_t($0) }) else {
            return XCTFail("no playground process under the shell \(shell)")
        }
        XCTAssertEqual(kill(playground, SIGTERM), 0)
        XCTAssertTrue(session.waitFor("exited=143"), "killed by SIGTERM:\n\(session.capture())")
        XCTAssertEqual(session.paneFormat(modes), "0 0 0", "the signal handler switched every mode off")
        XCTAssertEqual(session.paneFormat("#{cursor_flag}"), "1", "the cursor is visible again")
    }
}
