import Foundation
import TestPeer
import XCTest

/// Issue #11 in the real binary: `compare --sweep …` opens seed-locked columns, `--engine A --engine B` one column
/// per engine (a self-hosted server's own engine names included).
final class CompareCommandEndToEndTests: XCTestCase {
    private var home = ""
    private var session: TmuxSession?
    private var peer: TestPeer?

    override func setUpWithError() throws {
        XCTAssertTrue(TmuxSession.isAvailable, "tmux is not installed (make test-deps installs it)")
        home = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-cmp-\(UUID().uuidString)").path
        peer = try TestPeer()
    }

    override func tearDown() {
        session?.close()
        peer?.shutdown()
        try? FileManager.default.removeItem(atPath: home)
    }

    private func open(_ arguments: String) throws -> TmuxSession {
        let bundle = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let binary = URL(fileURLWithPath: bundle).deletingLastPathComponent().appendingPathComponent("synthpad").path
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "synthpad is not built at \(binary)")
        let session = try TmuxSession(
            command: "\(binary) compare --url \(peer!.baseURL) \(arguments)", columns: 140, rows: 40,
            environment: ["XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state", "TERM": "tmux-256color"])
        self.session = session
        return session
    }

    func testSweepFromTheCommandLine() throws {
        let session = try open("--sweep temperature=0.2,0.7,1.2 'Once upon a time'")
        XCTAssertTrue(session.waitFor("Temperature 1.2", timeout: 10), session.capture())
        let screen = session.capture()
        XCTAssertTrue(screen.contains("Temperature 0.2") && screen.contains("Temperature 0.7"), screen)
        XCTAssertTrue(screen.contains("compare · 3 columns"), screen)
        session.sendKeys("C-q")
    }

    func testOneColumnPerEngine() throws {
        let session = try open("--engine fast --engine slow 'Once upon a time'")
        XCTAssertTrue(session.waitFor("2 slow", timeout: 10), session.capture())
        XCTAssertTrue(session.capture().contains("1 fast"), session.capture())
        session.sendKeys("C-q")
    }
}
