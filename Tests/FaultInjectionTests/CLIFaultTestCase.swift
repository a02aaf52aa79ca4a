// The fault cases that run the real `synthpad` binary (TestPeer's `SynthpadProcess`: a temporary HOME with its own
// XDG directories, output captured, killed with SIGKILL if it overruns).
import Foundation
import TestPeer
import XCTest

extension SynthpadProcess {
    /// A runner for a fault case: no model is found (the cache is in its own home).
    static func forFaults() throws -> SynthpadProcess { try SynthpadProcess(label: "synthpad-fault") }
}

extension SynthpadProcess.Result {
    /// What the user saw, as one line for the report.
    var seen: String {
        let out = stdout.trimmingCharacters(in: .newlines)
        let err = stderr.trimmingCharacters(in: .newlines)
        return "exit \(signalled ? "signal " : "")\(status); out \"\(out.prefix(40))\"; err \"\(err)\""
    }
}

/// A fault case that runs the real `synthpad` binary against a fresh scripted peer (TestPeer, a test double).
class CLIFaultTestCase: PeerFaultTestCase {
    var synthpad: SynthpadProcess!

    override func setUpWithError() throws {
        try super.setUpWithError()
        synthpad = try SynthpadProcess.forFaults()
        // `make test` builds the binary with the tests: its absence is a failure, not a reason to skip.
        try requireInSetUp { try SynthpadProcess.requireBinary() }
    }

    override func tearDown() {
        synthpad?.cleanUp()
        super.tearDown()
    }
}
