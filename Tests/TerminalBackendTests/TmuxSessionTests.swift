import TestPeer
import XCTest

/// Checks the end-to-end helper itself on a plain shell program, so later playground tests can rely on it.
final class TmuxSessionTests: XCTestCase {
    func testTypesAndCapturesInAPrivateServer() throws {
        try TmuxSession.require()
        let session = try TmuxSession(
            command: "sh -c 'printf \"ready\\n\"; read line; printf \"got:%s\\n\" \"$line\"; sleep 30'",
            columns: 80, rows: 10)
        defer { session.close() }
        XCTAssertTrue(session.waitFor("ready"), session.capture())
        session.type("héllo 中")
        session.sendKeys("Enter")
        XCTAssertTrue(session.waitFor("got:héllo 中"), session.capture())
        XCTAssertEqual(session.capture().split(separator: "\n", omittingEmptySubsequences: false).count, 10 + 1,
                       "capture-pane prints every row of the fixed-size window")
        session.close()
        XCTAssertNotEqual(TmuxSession.tmux(session.socketName, ["has-session"]).status, 0, "server is gone")
    }
}
