import Foundation
import TestPeer
import XCTest

/// Issue #9.3/#9.4 in the real binary: a playground pointed at a server that is down says so at once, shows each
/// retry with its reason while F5 waits, lets Esc give up, and keeps the prompt.
final class UnreachableServerEndToEndTests: XCTestCase {
    private var home = ""
    private var session: TmuxSession?

    override func setUpWithError() throws {
        try requireInSetUp { try TmuxSession.require() }
        home = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-down-\(UUID().uuidString)").path
    }

    override func tearDown() {
        session?.close()
        try? FileManager.default.removeItem(atPath: home)
    }

    func testADownServerIsShownUnreachableAndRetriesAreVisible() throws {
        let binary = try SynthpadProcess.requireBinary().path
        // A port that was just free: nothing listens there.
        let peer = try TestPeer()
        let url = peer.baseURL
        peer.shutdown()
        let session = try TmuxSession(
            command: "\(binary) --url \(url)", columns: 120, rows: 40,
            environment: ["XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state", "TERM": "tmux-256color"])
        self.session = session
        XCTAssertTrue(session.waitFor("unreachable", timeout: 10), session.capture())
        XCTAssertTrue(session.capture().contains("connection refused"), session.capture())

        session.type("Hello there")
        session.sendKeys("F5")
        XCTAssertTrue(session.waitFor("retrying 2/4", timeout: 10), session.capture())
        session.sendKeys("Escape")
        XCTAssertTrue(session.waitFor("cancelled", timeout: 10), session.capture())
        XCTAssertTrue(session.capture().contains("Hello there"), "the prompt stays:\n\(session.capture())")
        session.sendKeys("C-q")
    }
}
