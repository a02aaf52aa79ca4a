import Foundation
import TestPeer
import XCTest

/// The chat screen in the real binary, in tmux, on the embedded local engine (SmolLM2 through its ChatML
/// template): open it by command and by Alt-4, send, watch the reply stream, stop one half way, and find the
/// conversation again after quitting.
final class ChatEndToEndTests: XCTestCase {
    private var home = ""
    private var sessions: [TmuxSession] = []

    override func setUpWithError() throws {
        try requireInSetUp { try TmuxSession.require() }
        home = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-chat-\(UUID().uuidString)").path
    }

    override func tearDown() {
        sessions.forEach { $0.close() }
        try? FileManager.default.removeItem(atPath: home)
    }

    private func start(_ arguments: String) throws -> TmuxSession {
        let binary = try SynthpadProcess.requireBinary().path
        let model = try TestModel.require()
        let session = try TmuxSession(
            command: "\(binary) \(arguments)", columns: 120, rows: 36,
            environment: ["XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
                          "SYNTHPAD_MODEL": model, "TERM": "tmux-256color"])
        sessions.append(session)
        return session
    }

    func testAConversationStreamsStopsAndComesBack() throws {
        let session = try start("chat-pad --system \(TmuxSession.shellQuoted("Answer briefly."))")
        XCTAssertTrue(session.waitFor("Chat · SmolLM2", timeout: 30), session.capture())
        XCTAssertTrue(session.waitFor("Answer briefly."), "the system prompt from the command line:\n\(session.capture())")

        session.type("What colour is the sky?")
        session.sendKeys("Enter")
        let answered = session.waitForScreen(timeout: 120) { screen in
            screen.contains("Assistant") && screen.contains("idle") && (screen.contains("stop") || screen.contains("length"))
        }
        XCTAssertTrue(answered.matched, "no reply:\n\(answered.screen)")
        XCTAssertTrue(answered.screen.contains("2 messages"), answered.screen)

        // A long reply, stopped while it streams: what arrived stays, marked.
        session.type("Now write a very long story about a lighthouse keeper.")
        session.sendKeys("Enter")
        let streaming = session.waitForScreen(timeout: 60) { $0.contains("replying") && $0.contains("4 messages") }
        XCTAssertTrue(streaming.matched, streaming.screen)
        session.sendKeys("Escape")
        let stopped = session.waitForScreen(timeout: 10) { $0.contains("cut short") && $0.contains("idle") }
        XCTAssertTrue(stopped.matched, stopped.screen)

        // Quit, open the playground, and Alt-4 brings the conversation back.
        session.sendKeys("C-q")
        XCTAssertTrue(session.waitForScreen(timeout: 10) { _ in session.programHasExited }.matched, "Ctrl-Q did not quit")
        let again = try start("")
        XCTAssertTrue(again.waitFor("Prompt", timeout: 30), again.capture())
        again.sendKeys("M-4")
        let restored = again.waitForScreen(timeout: 10) { screen in
            screen.contains("What colour is the sky?") && screen.contains("cut short") && screen.contains("Answer briefly.")
        }
        XCTAssertTrue(restored.matched, restored.screen)

        // A reply to the restored conversation: the chat endpoint takes all four messages and the new one.
        again.type("Thanks!")
        again.sendKeys("Enter")
        let more = again.waitForScreen(timeout: 120) { $0.contains("6 messages") && $0.contains("idle") }
        XCTAssertTrue(more.matched, more.screen)
    }
}
