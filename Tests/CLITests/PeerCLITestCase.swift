import Foundation
import TestPeer
import XCTest

// The synthpad runner (`SynthpadProcess`) lives in TestPeer, shared with the fault suites.

/// A command-line test with the scripted peer (a test double) to talk to and a synthpad of its own.
class PeerCLITestCase: XCTestCase {
    var peer: TestPeer!
    var synthpad: SynthpadProcess!

    override func setUpWithError() throws {
        peer = try TestPeer()
        synthpad = try SynthpadProcess(label: "synthpad-cli", model: true)
    }

    override func tearDown() {
        peer.shutdown()
        synthpad.cleanUp()
    }
}

/// A command-line test on the embedded local engine: the cached model and the built binary are required.
class LocalEngineCLITestCase: XCTestCase {
    var synthpad: SynthpadProcess!

    override func setUpWithError() throws {
        try requireInSetUp {
            try TestModel.require()
            try SynthpadProcess.requireBinary()
        }
        synthpad = try SynthpadProcess(label: "synthpad-cli", model: true)
    }

    override func tearDown() { synthpad?.cleanUp() }
}
