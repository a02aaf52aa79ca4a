// Runs the real `synthpad` binary (adapted from Tests/CLITests/SynthpadProcess.swift) in a temporary HOME with
// its own XDG directories, output captured, killed with SIGKILL if it overruns.
import Foundation
import TestPeer
import XCTest

struct SynthpadRun {
    struct Result {
        let status: Int32
        /// True when a signal ended the process (a crash, or our SIGKILL after the timeout).
        let signalled: Bool
        let stdout: String
        let stderr: String
        var stdoutBytes: Data
        var stderrBytes: Data

        /// What the user saw, as one line for the report.
        var seen: String {
            let out = stdout.trimmingCharacters(in: .newlines)
            let err = stderr.trimmingCharacters(in: .newlines)
            return "exit \(signalled ? "signal " : "")\(status); out \"\(out.prefix(40))\"; err \"\(err)\""
        }
    }

    /// `$SYNTHPAD_BINARY`, else the binary built beside the test bundle (.build/debug/synthpad).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["SYNTHPAD_BINARY"] { return URL(fileURLWithPath: path) }
        let bundle = Bundle(for: Marker.self).bundleURL
        let candidates = [bundle.appendingPathComponent("synthpad"),
                          bundle.deletingLastPathComponent().appendingPathComponent("synthpad")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }

    let home: URL
    var environment: [String: String]

    var configDirectory: URL { home.appendingPathComponent("config") }
    var stateDirectory: URL { home.appendingPathComponent("state") }

    init() throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-fault-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        environment = ["HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                       "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
                       "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                       "XDG_CACHE_HOME": home.appendingPathComponent("cache").path,
                       "LANG": "C.UTF-8"]
        // Under `make sanitize` the child is instrumented too: its reports must follow the same settings (log files).
        for name in ["ASAN_OPTIONS", "TSAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS", "SWIFT_BACKTRACE"] {
            if let value = ProcessInfo.processInfo.environment[name] { environment[name] = value }
        }
    }

    func run(_ arguments: [String], timeout: Double = 30) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let pid = process.processIdentifier
        let killer = DispatchWorkItem { kill(pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        let group = DispatchGroup()
        nonisolated(unsafe) var stdoutData = Data(), stderrData = Data()
        DispatchQueue.global().async(group: group) { stdoutData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { stderrData = err.fileHandleForReading.readDataToEndOfFile() }
        group.wait()
        process.waitUntilExit()
        killer.cancel()
        return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self),
                      stdoutBytes: stdoutData, stderrBytes: stderrData)
    }

    func cleanUp() { try? FileManager.default.removeItem(at: home) }
}

private final class Marker {}

/// A fault case that runs the real `synthpad` binary against a fresh scripted peer (TestPeer, a test double).
class CLIFaultTestCase: PeerFaultTestCase {
    var synthpad: SynthpadRun!

    override func setUpWithError() throws {
        try super.setUpWithError()
        synthpad = try SynthpadRun()
        // `make test` builds the binary with the tests: its absence is a failure, not a reason to skip.
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: SynthpadRun.binary.path),
                      "synthpad is not built at \(SynthpadRun.binary.path): run `swift build` first")
    }

    override func tearDown() {
        synthpad?.cleanUp()
        super.tearDown()
    }
}
