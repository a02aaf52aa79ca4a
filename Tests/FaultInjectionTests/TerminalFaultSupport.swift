// Running the real `synthpad` playground in tmux against TestPeer (a scripted TEST DOUBLE server), for the terminal
// fault cases: where its files are, reading its session file, a reproducible random source.
import Foundation
import SynthKit
import TestPeer
import XCTest

/// The session file as synthpad writes it (SynthUI's `Session`, which this target does not link): decoding it with
/// strict types is the check that a file is whole.
struct SavedSession: Decodable, Equatable {
    var version: Int
    var backend: String
    var engine: String
    var prompt: String
    var parameters: SamplingParameters
    var outputs: [String]
    var selectedOutput: Int
}

/// A fault case that drives the playground of the real binary on a real terminal (tmux).
class TerminalFaultTestCase: CLIFaultTestCase {
    private var terminals: [TmuxSession] = []

    override func setUpWithError() throws {
        try requireInSetUp { try TmuxSession.require() }
        try super.setUpWithError()
    }

    override func tearDown() {
        terminals.forEach { $0.close() }
        terminals.removeAll()
        super.tearDown()
    }

    /// A copy of the binary in this test's home, for a case that starts it many times: other builds relinking
    /// .build/debug/synthpad meanwhile must not make one of the restarts fail.
    func copyOfTheBinary() throws -> String {
        let copy = synthpad.home.appendingPathComponent("synthpad").path
        try FileManager.default.copyItem(atPath: SynthpadProcess.binary.path, toPath: copy)
        return copy
    }

    /// `$XDG_STATE_HOME/synthpad/session.json` of this test's home.
    var sessionPath: String { synthpad.stateDirectory.appendingPathComponent("synthpad/session.json").path }

    /// Opens `synthpad play --url <peer>` in a `columns` × `rows` tmux window (not waiting for its first frame).
    func openPlayground(columns: Int = 100, rows: Int = 30, binary: String = SynthpadProcess.binary.path) throws -> TmuxSession {
        var environment = synthpad.environment
        environment["TERM"] = "tmux-256color"
        let command = [binary, "play", "--url", peer.baseURL].map(TmuxSession.shellQuoted)
            .joined(separator: " ")
        let terminal = try TmuxSession(command: command, columns: columns, rows: rows, environment: environment)
        terminals.append(terminal)
        return terminal
    }

    /// Waits for the playground's first frame (generously: a debug binary on a busy 2-core machine).
    func waitForPlayground(_ terminal: TmuxSession, showing text: String = "Prompt", timeout: Double = 20,
                           file: StaticString = #filePath, line: UInt = #line) {
        let shown = terminal.waitForScreen(timeout: timeout) { $0.contains(text) && $0.contains(" idle ") }
        XCTAssertTrue(shown.matched, "the playground did not show \"\(text)\":\n\(shown.screen)", file: file, line: line)
    }

    /// The session file, decoded; nil when there is none yet. Throws when it exists but is not a whole session.
    func savedSession() throws -> SavedSession? {
        guard let data = FileManager.default.contents(atPath: sessionPath) else { return nil }
        return try JSONDecoder().decode(SavedSession.self, from: data)
    }

    /// Polls the session file until `predicate` holds (autosave runs a second after a change).
    @discardableResult
    func waitForSavedSession(timeout: Double = 10, _ predicate: (SavedSession) -> Bool) -> SavedSession? {
        let deadline = Date(timeIntervalSinceNow: timeout)
        repeat {
            if let saved = try? savedSession(), predicate(saved) { return saved }
            usleep(50_000)
        } while Date() < deadline
        return try? savedSession()
    }

    /// Kills the program in the pane with SIGKILL and waits until tmux sees it gone.
    func killNine(_ terminal: TmuxSession, file: StaticString = #filePath, line: UInt = #line) {
        guard let pid = terminal.programPID else {
            XCTFail("no program in the pane", file: file, line: line)
            return
        }
        kill(pid, SIGKILL)
        let gone = terminal.waitForScreen(timeout: 10) { _ in terminal.programHasExited }
        XCTAssertTrue(gone.matched, "synthpad survived SIGKILL", file: file, line: line)
    }

    /// The streamed words "w01 w02 …" as TextSynth stream pieces (each with its leading space).
    static func words(_ count: Int) -> [String] { (1...count).map { String(format: " w%02d", $0) } }
}

/// Rows of a capture as tmux prints them (one per terminal row).
func screenRows(_ screen: String) -> [Substring] {
    var rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
    if rows.last == "" { rows.removeLast() }
    return rows
}

extension SeededRandom {
    /// `$SYNTHPAD_FAULT_SEED`, or a fixed default.
    static var seedFromEnvironment: UInt64 {
        ProcessInfo.processInfo.environment["SYNTHPAD_FAULT_SEED"].flatMap(UInt64.init) ?? 20_261_130
    }
}
