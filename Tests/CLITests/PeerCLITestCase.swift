import Foundation
import TestPeer
import XCTest

/// Runs the real `synthpad` binary built next to the test bundle, with its own environment
/// (a temporary HOME and XDG directories, so nothing of the developer's leaks in or out).
struct SynthpadProcess {
    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The executable built beside the test bundle (.build/<config>/), or `$SYNTHPAD_BINARY`.
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["SYNTHPAD_BINARY"] { return URL(fileURLWithPath: path) }
        let bundle = Bundle(for: BundleMarker.self).bundleURL
        let candidates = [bundle.appendingPathComponent("synthpad"),
                          bundle.deletingLastPathComponent().appendingPathComponent("synthpad")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    let home: URL
    var environment: [String: String]

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        var environment = ["HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                           "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
                           "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                           "LANG": "C.UTF-8"]
        // The model stays where `make setup` put it.
        environment["SYNTHPAD_MODEL"] = ProcessInfo.processInfo.environment["SYNTHPAD_MODEL"]
            ?? (FileManager.default.homeDirectoryForCurrentUser.path + "/.cache/synthpad/models/SmolLM2-135M-Instruct.Q4_1.gguf")
        self.environment = environment
    }

    /// Runs synthpad with `arguments`; standard input from `input`. Killed with SIGKILL after `timeout`.
    func run(_ arguments: [String], input: String? = nil, timeout: Double = 60,
             interruptAfter: Double? = nil) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe(), inPipe = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inPipe
        try process.run()
        if let input { inPipe.fileHandleForWriting.write(Data(input.utf8)) }
        try? inPipe.fileHandleForWriting.close()
        let pid = process.processIdentifier
        let killer = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        if let interruptAfter {
            DispatchQueue.global().asyncAfter(deadline: .now() + interruptAfter) { kill(pid, SIGINT) }
        }
        // Read both pipes fully before waiting, so a chatty child never blocks on a full pipe.
        let group = DispatchGroup()
        nonisolated(unsafe) var stdoutData = Data(), stderrData = Data()
        DispatchQueue.global().async(group: group) { stdoutData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { stderrData = err.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        killer.cancel()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    func cleanUp() { try? FileManager.default.removeItem(at: home) }
}

private final class BundleMarker {}

/// A command-line test with the scripted peer (a test double) to talk to and a synthpad of its own.
class PeerCLITestCase: XCTestCase {
    var peer: TestPeer!
    var synthpad: SynthpadProcess!

    override func setUpWithError() throws {
        peer = try TestPeer()
        synthpad = try SynthpadProcess()
    }

    override func tearDown() {
        peer.shutdown()
        synthpad.cleanUp()
    }
}
