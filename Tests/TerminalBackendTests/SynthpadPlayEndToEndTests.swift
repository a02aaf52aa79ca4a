import Foundation
import SynthUI
import XCTest

/// `synthpad play` itself in tmux, against the embedded local engine: type, run, watch it stream, quit.
/// Skipped when the binary has not been built next to this test bundle or the model is not downloaded.
final class SynthpadPlayEndToEndTests: XCTestCase {
    private var home = ""

    override func setUpWithError() throws {
        try XCTSkipUnless(TmuxSession.isAvailable, "tmux is not installed")
        home = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-play-\(UUID().uuidString)").path
    }

    override func tearDown() {
        try? FileManager.default.removeItem(atPath: home)
    }

    private func binary() throws -> String {
        let bundle = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let path = URL(fileURLWithPath: bundle).deletingLastPathComponent().appendingPathComponent("synthpad").path
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: path), "synthpad is not built at \(path)")
        let model = NSHomeDirectory() + "/.cache/synthpad/models/SmolLM2-135M-Instruct.Q4_1.gguf"
        try XCTSkipUnless(FileManager.default.fileExists(atPath: model), "the local model is not downloaded")
        return path
    }

    func testLocalEngineStreamsIntoThePlaygroundAndTheSessionIsSaved() throws {
        let session = try TmuxSession(
            command: "\(try binary()) play --backend local --session \(home)/session.json",
            environment: ["XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
                          "TERM": "tmux-256color"])
        defer { session.close() }
        XCTAssertTrue(session.waitFor("Prompt", timeout: 20), session.capture())
        session.type("The capital of France is")
        session.sendKeys("F5")
        // The stats line appears when the completion has finished streaming.
        let finished = session.waitForScreen(timeout: 90) { $0.contains("tok/s") }
        XCTAssertTrue(finished.matched, "no finished completion:\n\(finished.screen)")
        XCTAssertTrue(finished.screen.contains("The capital of France is"), finished.screen)

        session.sendKeys("C-q")
        XCTAssertTrue(session.waitForScreen(timeout: 10) { _ in session.programHasExited }.matched, session.capture())
        let saved = try SessionFile.load(from: home + "/session.json")
        XCTAssertEqual(saved?.prompt, "The capital of France is")
        XCTAssertFalse(saved?.outputs.first?.isEmpty ?? true, "the streamed completion was saved")
    }
}
