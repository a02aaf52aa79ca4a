// The API key in the TUI: a recognisable fake key given in the environment reaches the server's Authorization
// header and nothing else — no screen (playground, help, compare, scratchpad, an error whose text repeats the key)
// and no file the playground writes. The server is TestPeer (a scripted TEST DOUBLE); synthpad is the real binary.
import Foundation
import TestPeer
import XCTest

final class TerminalSecretTests: TerminalFaultTestCase {
    func testTheKeyIsOnNoScreenAndInNoFile() throws {
        let key = SecretLeakTests.fakeKey
        synthpad.environment["TEXTSYNTH_API_KEY"] = key
        // The first run streams; the second is refused by a server that repeats the key in its message.
        peer.route(Fault.completionsPath, .textSynthStream([" Hello", " secret", " world"]),
                   .error(401, "invalid API key \(key)"))
        let before = SecretLeakTests.files(under: synthpad.home)
        let terminal = try openPlayground(columns: 120, rows: 40)
        waitForPlayground(terminal)
        var screens = [terminal.capture()]

        terminal.type("Keep my key safe")
        terminal.sendKeys("F5")
        let streamed = terminal.waitForScreen(timeout: 15) { $0.contains("world") && $0.contains(" idle ") }
        XCTAssertTrue(streamed.matched, streamed.screen)
        screens.append(streamed.screen)
        terminal.sendKeys("F5")
        let refused = terminal.waitForScreen(timeout: 15) { $0.contains("401") || $0.contains("invalid API key") }
        XCTAssertTrue(refused.matched, "the refusal is not shown:\n\(refused.screen)")
        screens.append(refused.screen)
        XCTAssertTrue(refused.screen.contains("••••"), "the key in the message is shown masked:\n\(refused.screen)")
        for keys in [["F1"], ["Escape", "F2"], ["F3"], ["F3"]] {  // help, compare, scratchpad, back
            keys.forEach { terminal.sendKeys($0) }
            usleep(300_000)
            screens.append(terminal.capture())
        }
        terminal.sendKeys("C-q")
        _ = terminal.waitForScreen(timeout: 10) { _ in terminal.programHasExited }
        XCTAssertTrue(terminal.programHasExited, "synthpad did not quit:\n\(terminal.capture())")

        // The key went where it belongs…
        let headers = peer.requests(to: Fault.completionsPath).map { $0.headers["authorization"] }
        XCTAssertEqual(headers, ["Bearer \(key)", "Bearer \(key)"])
        // …and nowhere else: not on any screen (not even in part), not in any file written.
        let fragment = String(key.dropFirst(3).prefix(20))  // "FAKE-synthpad-test-k": no masked form shows this
        for screen in screens {
            XCTAssertFalse(screen.contains(key) || screen.contains(fragment), "the key is on screen:\n\(screen)")
        }
        var written = 0
        for (path, modified) in SecretLeakTests.files(under: synthpad.home) where before[path] != modified {
            written += 1
            let contents = FileManager.default.contents(atPath: path) ?? Data()
            XCTAssertNil(contents.range(of: Data(key.utf8)), "the key leaked into \(path)")
            XCTAssertNil(contents.range(of: Data(fragment.utf8)), "part of the key leaked into \(path)")
        }
        XCTAssertGreaterThan(written, 0, "the playground wrote its session: the file check was not vacuous")
        note("TUI: fake key in the environment, every screen, quit",
             saw: "Authorization sent \(headers.count)×; key on 0 of \(screens.count) screens and in 0 of \(written) files written")
    }
}
