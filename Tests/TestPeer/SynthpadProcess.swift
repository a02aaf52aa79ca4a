// TEST SUPPORT (part of the TestPeer test-double library, never shipped): runs the real `synthpad` binary built
// beside the test bundle, in a temporary HOME with its own XDG directories (nothing of the developer's leaks in or
// out), output captured, killed with SIGKILL if it overruns.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public struct SynthpadProcess {
    public struct Result: Sendable {
        public let status: Int32
        /// True when a signal ended the process (a crash, or our SIGKILL after the timeout).
        public let signalled: Bool
        public let stdout: String
        public let stderr: String
        public var stdoutBytes: Data
        public var stderrBytes: Data
    }

    /// `$SYNTHPAD_BINARY`, else the executable built beside the test bundle (.build/<config>/synthpad).
    public static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["SYNTHPAD_BINARY"] { return URL(fileURLWithPath: path) }
        // On Linux the bundle URL is the build directory itself; elsewhere the .xctest bundle inside it.
        let bundle = Bundle(for: Marker.self).bundleURL
        let candidates = [bundle.appendingPathComponent("synthpad"),
                          bundle.deletingLastPathComponent().appendingPathComponent("synthpad")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[1]
    }

    public let home: URL
    public var environment: [String: String]

    public var configDirectory: URL { home.appendingPathComponent("config") }
    public var stateDirectory: URL { home.appendingPathComponent("state") }
    /// Where the run history is kept: `$XDG_DATA_HOME/synthpad/history.sqlite`.
    public var historyFile: URL { home.appendingPathComponent("data/synthpad/history.sqlite") }

    /// A fresh home named `<label>-<uuid>` in the temporary directory. `model: true` points the embedded engine at
    /// the test model (`TestModel.path`); otherwise the cache is in the home too, so no model is found.
    public init(label: String = "synthpad-test", model: Bool = false) throws {
        home = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        environment = ["HOME": home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                       "XDG_CONFIG_HOME": home.appendingPathComponent("config").path,
                       "XDG_STATE_HOME": home.appendingPathComponent("state").path,
                       "XDG_DATA_HOME": home.appendingPathComponent("data").path,
                       "LANG": "C.UTF-8"]
        if model {
            environment["SYNTHPAD_MODEL"] = TestModel.path
        } else {
            environment["XDG_CACHE_HOME"] = home.appendingPathComponent("cache").path
        }
        // Under `make sanitize` the child is instrumented too: its reports must follow the same settings (log files).
        for name in ["ASAN_OPTIONS", "TSAN_OPTIONS", "LSAN_OPTIONS", "UBSAN_OPTIONS", "SWIFT_BACKTRACE"] {
            if let value = ProcessInfo.processInfo.environment[name] { environment[name] = value }
        }
    }

    /// Runs synthpad with `arguments`; standard input from `input` (else an empty pipe). Killed with SIGKILL after
    /// `timeout`; sent SIGINT after `interruptAfter` when given.
    public func run(_ arguments: [String], input: String? = nil, timeout: Double = 60,
                    interruptAfter: Double? = nil) throws -> Result {
        try execute(Self.binary, arguments, input: input, timeout: timeout, interruptAfter: interruptAfter)
    }

    /// Runs a bash `script` in the same environment, with the binary's path in `$SYNTHPAD` (for pipelines).
    public func runShell(_ script: String, timeout: Double = 60) throws -> Result {
        var shell = self
        shell.environment["SYNTHPAD"] = Self.binary.path
        return try shell.execute(URL(fileURLWithPath: "/bin/bash"), ["-c", script], input: nil, timeout: timeout,
                                 interruptAfter: nil)
    }

    private func execute(_ executable: URL, _ arguments: [String], input: String?, timeout: Double,
                         interruptAfter: Double?) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        // Always a pipe (empty unless `input`), as the CLI tests have always had it: at its end, as a user's would be.
        let inPipe = Pipe()
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
        return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self),
                      stdoutBytes: stdoutData, stderrBytes: stderrData)
    }

    public func cleanUp() { try? FileManager.default.removeItem(at: home) }
}

private final class Marker {}
