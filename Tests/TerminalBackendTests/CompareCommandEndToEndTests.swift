import Foundation
import TestPeer
import XCTest

/// Issue #11 in the real binary: `compare --sweep …` opens seed-locked columns, `--engine A --engine B` one column
/// per engine (a self-hosted server's own engine names included).
final class CompareCommandEndToEndTests: PeerTmuxTestCase {
    private func open(_ arguments: String) throws -> TmuxSession {
        try openSynthpad("compare --url \(peer!.baseURL) \(arguments)", columns: 140, rows: 40)
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
