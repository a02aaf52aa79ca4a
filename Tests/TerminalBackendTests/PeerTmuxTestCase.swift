import Foundation
import TestPeer
import XCTest

/// A test of the real binary in tmux against a scripted TextSynth peer, with a home of its own for the config,
/// state and data directories.
class PeerTmuxTestCase: XCTestCase {
    var home = ""
    /// Every session opened, closed at the end.
    var sessions: [TmuxSession] = []
    var peer: TestPeer?

    override func setUpWithError() throws {
        XCTAssertTrue(TmuxSession.isAvailable, "tmux is not installed (make test-deps installs it)")
        home = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-tmux-\(UUID().uuidString)").path
        peer = try TestPeer()
    }

    override func tearDown() {
        sessions.forEach { $0.close() }
        peer?.shutdown()
        try? FileManager.default.removeItem(atPath: home)
    }

    /// `synthpad` with `arguments` (which place the peer's URL with `\(peer!.baseURL)` where they need it).
    func openSynthpad(_ arguments: String, columns: Int, rows: Int) throws -> TmuxSession {
        let bundle = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let binary = URL(fileURLWithPath: bundle).deletingLastPathComponent().appendingPathComponent("synthpad").path
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: binary), "synthpad is not built at \(binary)")
        let session = try TmuxSession(
            command: "\(binary) \(arguments)", columns: columns, rows: rows,
            environment: ["XDG_CONFIG_HOME": home + "/config", "XDG_STATE_HOME": home + "/state",
                          "XDG_DATA_HOME": home + "/data", "TERM": "tmux-256color"])
        sessions.append(session)
        return session
    }
}
