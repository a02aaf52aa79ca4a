// Regression: a config typo that made TOMLKit abort the process must stay a one-line error.
import Foundation
import TestPeer
import XCTest

/// TOMLGuard (Sources/SynthKit/Config/TOMLGuard.swift).
final class BugRegressionTOMLGuardTests: FaultTestCase {
    /// Two BOMs before a header typo: Foundation drops one when reading the file, the guard does not skip the
    /// second, toml++ does, and then asserts (SIGABRT). Found by fuzz-config.
    func testHeaderTypoAfterASecondBOMIsAnErrorNotAnAbort() throws {
        let peer = try TestPeer()
        defer { peer.shutdown() }
        var synthpad = try SynthpadProcess.forFaults()
        defer { synthpad.cleanUp() }
        try SynthpadProcess.requireBinary()
        let file = synthpad.home.appendingPathComponent("bom.toml")
        try Data([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("[.a]\n".utf8)).write(to: file)
        synthpad.environment["SWIFT_BACKTRACE"] = "enable=no"
        let result = try synthpad.run(["complete", "--config", file.path, "--url", peer.baseURL, "Hi"])
        note("config: two BOMs then \"[.a]\"", saw: String(result.seen.prefix(160)))
        XCTAssertFalse(result.signalled, "synthpad aborted")
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.hasPrefix("synthpad: ") && result.stderr.contains("bom.toml"), result.stderr)
    }
}
