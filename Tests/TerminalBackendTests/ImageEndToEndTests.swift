import Foundation
import TestPeer
import XCTest

/// The real binary's image screen in a real terminal (tmux), against the scripted peer (a test double) answering a
/// real JPEG: Alt-5 opens it, F5 generates, the file lands in the config's image_directory, the picture is drawn
/// as block symbols (tmux: always symbols), Esc goes back.
final class ImageEndToEndTests: XCTestCase {
    private var home: URL?
    private var tmux: TmuxSession?
    private var peer: TestPeer?

    override func tearDown() {
        tmux?.close()
        peer?.shutdown()
        if let home { try? FileManager.default.removeItem(at: home) }
    }

    func testGenerateSaveAndPreviewInTheTerminal() throws {
        try TmuxSession.require()
        let binary = try SynthpadProcess.requireBinary().path
        let peer = try TestPeer()
        self.peer = peer
        let jpeg = TestJPEG.gradient(width: 64, height: 64)
        peer.route("/v1/engines/stable_diffusion/text_to_image", .json(["images": [["data": jpeg.base64EncodedString()]]]))
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-image-\(UUID().uuidString)")
        self.home = home
        let config = home.appendingPathComponent("config/synthpad")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        let pictures = home.appendingPathComponent("pictures")
        try "image_directory = \"\(pictures.path)\"\n".write(to: config.appendingPathComponent("config.toml"),
                                                              atomically: true, encoding: .utf8)
        let session = try TmuxSession(
            command: "\(binary) --url \(peer.baseURL) 2>/dev/null", columns: 120, rows: 40,
            environment: ["HOME": home.path, "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
                          "XDG_STATE_HOME": home.appendingPathComponent("state").path, "TERM": "tmux-256color",
                          "LANG": "C.UTF-8"])
        tmux = session
        XCTAssertTrue(session.waitFor("Tab pane", timeout: 30), session.capture())
        session.sendKeys("M-5")
        XCTAssertTrue(session.waitFor("Image prompt"), session.capture())
        session.type("a red fox")
        session.sendKeys("F5")
        XCTAssertTrue(session.waitFor("saved 1 image in", timeout: 30), session.capture())
        let screen = session.capture()
        XCTAssertTrue(screen.contains("▀") || screen.contains("▄") || screen.contains("█"), "no picture:\n\(screen)")
        let saved = try FileManager.default.contentsOfDirectory(atPath: pictures.path)
        XCTAssertEqual(saved.count, 1, "\(saved)")
        XCTAssertEqual(FileManager.default.contents(atPath: pictures.appendingPathComponent(saved[0]).path), jpeg)
        XCTAssertTrue(screen.contains(saved[0]), "the screen says where the file went:\n\(screen)")
        let body = try XCTUnwrap(peer.requests(to: "/v1/engines/stable_diffusion/text_to_image").first?.json)
        XCTAssertEqual(body["prompt"] as? String, "a red fox")
        session.sendKeys("Escape")
        XCTAssertTrue(session.waitFor("Parameters · "), session.capture())
        session.sendKeys("C-q")
    }
}
