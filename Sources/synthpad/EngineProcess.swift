import Foundation
import EngineServer
import Glibc
import SynthKit

/// The TUI's embedded engine, run as a child `synthpad serve` on a free loopback port: synthpad-engine, the slim
/// server, where it is beside us (see EngineExecutable), else our own binary.
///
/// A separate process keeps the playground itself small and quiet: the model's memory, the inference threads and
/// the HTTP server's timers (Hummingbird refreshes its Date header every second) live in the child, so an idle
/// playground makes no system calls and a crash in the engine cannot take the user's screen with it. The child
/// reads its standard input, a pipe from us, and exits when that closes: it dies with the TUI however the TUI ends,
/// `kill -9` included. It is reached like any server, through SynthKit's libcurl client.
final class EngineProcess {
    let pid: pid_t
    let port: Int
    private let lifeline: Int32  // our end of the child's standard input

    /// Starts the child and waits until it listens (or fails, with the reason it printed).
    init(models: [ServedModelFile]) throws {
        let executable = try Self.executablePath()
        var toChild: [Int32] = [-1, -1], fromChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0 else { throw CLIError.failed("cannot start the local engine: no pipes") }
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-engine-\(getpid()).log").path

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], STDOUT_FILENO)
        posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, log, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        for fd in toChild + fromChild { posix_spawn_file_actions_addclose(&actions, fd) }
        let modelArguments = models.flatMap { ["--model", ($0.engineID.map { "\($0)=" } ?? "") + $0.path] }
        let arguments = [executable, "serve", "--port", "0"] + modelArguments + ["--announce-port", "--exit-with-stdin"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, executable, &actions, nil, &argv, environ)
        close(toChild[0])
        close(fromChild[1])
        guard spawned == 0 else {
            close(toChild[1]); close(fromChild[0])
            throw CLIError.failed("cannot start the local engine: \(String(cString: strerror(spawned)))")
        }
        _ = fcntl(toChild[1], F_SETFD, FD_CLOEXEC)
        pid = child
        lifeline = toChild[1]

        // The child's first line on standard output is its port; end of file first means it failed to start.
        let line = Self.readLine(fromChild[0])
        close(fromChild[0])
        guard let line, let port = Int(line.trimmingCharacters(in: .whitespaces)) else {
            close(lifeline)
            var status: Int32 = 0
            waitpid(child, &status, 0)
            let reason = (try? String(contentsOfFile: log, encoding: .utf8))?
                .split(separator: "\n").last.map { $0.replacingOccurrences(of: "synthpad: ", with: "") }
            try? FileManager.default.removeItem(atPath: log)
            throw CLIError.failed("the local engine could not start: \(reason ?? "it exited at once")")
        }
        try? FileManager.default.removeItem(atPath: log)  // the child keeps its open file; nothing is written on success
        self.port = port
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    /// Ends the child and waits for it (closing its standard input is the signal).
    func stop() {
        close(lifeline)
        var status: Int32 = 0
        for _ in 0..<100 {  // 1 s, then it is killed
            if waitpid(pid, &status, WNOHANG) == pid { return }
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        waitpid(pid, &status, 0)
    }

    /// synthpad-engine beside us (the slim server), else our own binary.
    private static func executablePath() throws -> String {
        let path = EngineExecutable.forServe
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw CLIError.failed("cannot start the local engine: cannot find synthpad's own executable")
        }
        return path
    }

    private static func readLine(_ fd: Int32) -> String? {
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while read(fd, &byte, 1) == 1 {
            if byte == 10 { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
        return nil
    }
}
