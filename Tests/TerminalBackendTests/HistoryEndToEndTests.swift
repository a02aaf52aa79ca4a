import Foundation
import RunHistory
import SynthKit
import TestPeer
import XCTest

/// Issue #14 in the real binary, in tmux, against a scripted TextSynth peer: `synthpad history` lists what the
/// database holds, searches as you type, opens a run, stars it and re-runs it in the playground (which logs the new
/// run); and the budget guard refuses a request over the session cap with the prompt left as it was.
final class HistoryEndToEndTests: PeerTmuxTestCase {
    private var database: String { home + "/data/synthpad/history.sqlite" }

    private func open(_ arguments: String) throws -> TmuxSession {
        try openSynthpad("\(arguments) --url \(peer!.baseURL)", columns: 120, rows: 32)
    }

    private func logged(_ prompt: String, answer: String) -> LoggedRun {
        LoggedRun(source: "playground", backend: "url", baseURL: peer!.baseURL, engine: "gptj_6B", kind: "completion",
                  prompt: prompt, parameters: #"{"max_tokens":12,"temperature":0.5}"#, answers: [answer],
                  finishReason: "length", inputTokens: 5, outputTokens: 12)
    }

    /// The history with two runs: a question about France (run 1) and a haiku (run 2).
    @discardableResult
    private func seededStore() throws -> HistoryStore {
        let store = try HistoryStore(path: database)
        try store.insert(logged("The capital of France is", answer: " Paris."))
        try store.insert(logged("A haiku about rain", answer: "Soft rain falls"))
        return store
    }

    func testSearchOpenStarAndRerun() throws {
        let store = try seededStore()
        peer!.route("/v1/engines/gptj_6B/completions", .textSynthStream([" Paris,", " again"]))

        let session = try open("history")
        XCTAssertTrue(session.waitFor("History · 2 runs", timeout: 10), session.capture())
        session.type("capi")
        XCTAssertTrue(session.waitFor("History · 1 run "), session.capture())
        session.sendKeys("Enter")
        XCTAssertTrue(session.waitFor("Run 1 · read-only"), session.capture())
        XCTAssertTrue(session.capture().contains("Paris."), session.capture())
        session.sendKeys("C-s")
        XCTAssertTrue(session.waitFor("run 1 starred"), session.capture())

        session.sendKeys("F5")
        let rerun = session.waitForScreen(timeout: 10) { $0.contains("Paris, again") && $0.contains("idle") }
        XCTAssertTrue(rerun.matched, "the re-run did not answer in the playground:\n\(rerun.screen)")
        let body = String(decoding: peer!.requests(to: "/v1/engines/gptj_6B/completions").first?.body ?? Data(), as: UTF8.self)
        XCTAssertTrue(body.contains("\"max_tokens\":12") && body.contains("The capital of France is"), body)
        session.sendKeys("C-q")

        var runs: [LoggedRun] = []
        for _ in 0..<500 {
            runs = try store.find(HistoryQuery(text: "capital"))
            if runs.count == 2 { break }
            usleep(10_000)
        }
        XCTAssertEqual(runs.map(\.answers), [[" Paris, again"], [" Paris."]], "the re-run is logged too")
        XCTAssertEqual(runs.map(\.starred), [false, true])
    }

    func testACommandLineSearchAndAnUnreadableDatabase() throws {
        try seededStore()
        let session = try open("history -q haik")
        XCTAssertTrue(session.waitFor("History · 1 run ", timeout: 10), session.capture())
        XCTAssertTrue(session.capture().contains("A haiku about rain"), session.capture())
        session.sendKeys("C-q")
        XCTAssertTrue(session.waitForScreen(timeout: 10) { _ in session.programHasExited }.matched, "Ctrl-Q did not quit")

        // A file that is not a database: the screen says so, and the playground still works.
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: database + suffix) }
        try Data(repeating: 0x41, count: 8192).write(to: URL(fileURLWithPath: database))
        let broken = try open("history")
        XCTAssertTrue(broken.waitFor("cannot read the history", timeout: 10), broken.capture())
        broken.sendKeys("M-1")
        XCTAssertTrue(broken.waitFor("Prompt"), broken.capture())
        broken.type("Still here")
        XCTAssertTrue(broken.waitFor("Still here"), broken.capture())
        broken.sendKeys("C-q")
    }

    func testTheBudgetRefusesARequestOverTheCap() throws {
        let config = URL(fileURLWithPath: home + "/config/synthpad/config.toml")
        try FileManager.default.createDirectory(at: config.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "[budget]\nsession_cap = 0.001\n\n[prices]\ngptj_6B = 0.0001\n".write(to: config, atomically: true,
                                                                                  encoding: .utf8)
        peer!.route("/v1/engines/gptj_6B/completions", .textSynthStream([" never"]))
        let session = try open("")
        XCTAssertTrue(session.waitFor("Prompt", timeout: 10), session.capture())
        session.type("Hello")
        XCTAssertTrue(session.waitFor("spent 0/0.001000"), session.capture())
        session.sendKeys("F5")
        XCTAssertTrue(session.waitFor("not sent: this request could cost up to"), session.capture())
        XCTAssertTrue(session.capture().contains("Hello"), "the prompt stays:\n\(session.capture())")
        XCTAssertEqual(peer!.requests(to: "/v1/engines/gptj_6B/completions").count, 0)
        session.sendKeys("C-q")
    }
}
