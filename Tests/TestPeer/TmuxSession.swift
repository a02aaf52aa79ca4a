import Foundation
import Glibc

/// Runs a program inside a detached tmux server of its own, for end-to-end tests: type keys, paste,
/// resize, read the screen back. A TEST helper: each session has a unique socket (`-L`), ignores the
/// user's tmux config, and its server is killed (kill-server, then SIGKILL) when the session closes.
/// It lives in the TestPeer test library so every test target can drive a terminal; never shipped.
public final class TmuxSession {
    public let socketName: String
    /// The size the window was opened at (`resize` changes the window, not these).
    public let columns: Int
    public let rows: Int
    /// The shell line the pane runs (kept so `restart()` can run it again).
    private let commandLine: String
    private var serverPID: pid_t?
    private var isOpen = true
    private static let counter = AtomicCounter()

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Whether tmux can be run here (end-to-end tests skip without it).
    public static let isAvailable: Bool = tmux("synthpad-probe-\(getpid())", ["-V"]).status == 0

    /// Starts `command` (run by tmux through the shell) in a `columns` × `rows` window.
    public init(command: String, columns: Int = 120, rows: Int = 40, environment: [String: String] = [:]) throws {
        socketName = "synthpad-test-\(getpid())-\(Self.counter.next())"
        self.columns = columns
        self.rows = rows
        let exports = environment.map { "\($0.key)=\(Self.shellQuoted($0.value))" }.sorted().joined(separator: " ")
        let line = exports.isEmpty ? "exec \(command)" : "exec env \(exports) \(command)"
        commandLine = line
        let started = Self.tmux(socketName, ["-f", "/dev/null", "new-session", "-d", "-x", "\(columns)", "-y", "\(rows)",
                                             line])
        guard started.status == 0 else { throw Failure(description: "tmux new-session failed: \(started.output)") }
        _ = Self.tmux(socketName, ["set-option", "-g", "remain-on-exit", "on"])
        let pid = Self.tmux(socketName, ["display-message", "-p", "#{pid}"]).output
        serverPID = pid_t(pid.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    deinit { close() }

    /// Named keys as tmux spells them ("Up", "F5", "Escape", "C-c", "M-x", "Enter").
    public func sendKeys(_ keys: String...) {
        _ = Self.tmux(socketName, ["send-keys", "-t", "0"] + keys)
    }

    /// Literal text, typed key by key.
    public func type(_ text: String) {
        _ = Self.tmux(socketName, ["send-keys", "-t", "0", "-l", text])
    }

    /// Pastes through a tmux buffer; bracketed (ESC [ 200 ~ … 201 ~) when the program switched that mode on.
    public func paste(_ text: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(socketName)-paste.txt")
        _ = FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(at: file) }
        _ = Self.tmux(socketName, ["load-buffer", "-b", "synthpad", file.path])
        _ = Self.tmux(socketName, ["paste-buffer", "-p", "-d", "-b", "synthpad", "-t", "0"])
    }

    public func resize(columns: Int, rows: Int) {
        _ = Self.tmux(socketName, ["resize-window", "-t", "0", "-x", "\(columns)", "-y", "\(rows)"])
    }

    /// The visible screen as text (`colors`: with SGR escapes, to check styles).
    public func capture(colors: Bool = false) -> String {
        Self.tmux(socketName, ["capture-pane", "-p", "-t", "0"] + (colors ? ["-e"] : [])).output
    }

    /// Polls the screen until `predicate` holds; the last capture either way.
    @discardableResult
    public func waitForScreen(timeout: Double = 5, _ predicate: (String) -> Bool) -> (matched: Bool, screen: String) {
        let deadline = Date(timeIntervalSinceNow: timeout)
        var screen = capture()
        while !predicate(screen) {
            if Date() > deadline { return (false, screen) }
            usleep(20_000)
            screen = capture()
        }
        return (true, screen)
    }

    @discardableResult
    public func waitFor(_ text: String, timeout: Double = 5) -> Bool {
        waitForScreen(timeout: timeout) { $0.contains(text) }.matched
    }

    /// A tmux format evaluated for the pane, e.g. "#{alternate_on}" or "#{pane_pid}".
    public func paneFormat(_ format: String) -> String {
        Self.tmux(socketName, ["display-message", "-p", "-t", "0", format]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True once the program in the pane has exited.
    public var programHasExited: Bool {
        Self.tmux(socketName, ["display-message", "-p", "-t", "0", "#{pane_dead}"]).output.hasPrefix("1")
    }

    /// The process id of the program in the pane (nil once tmux cannot tell).
    public var programPID: pid_t? {
        pid_t(paneFormat("#{pane_pid}")).flatMap { $0 > 0 ? $0 : nil }
    }

    /// Runs the same command again in the pane once the program has exited (the window keeps its current size).
    public func restart() throws {
        let result = Self.tmux(socketName, ["respawn-pane", "-t", "0", commandLine])
        guard result.status == 0 else { throw Failure(description: "tmux respawn-pane failed: \(result.output)") }
    }

    public func close() {
        guard isOpen else { return }
        isOpen = false
        _ = Self.tmux(socketName, ["kill-server"])
        if let serverPID, serverPID > 0 { kill(serverPID, SIGKILL) }
    }

    // MARK: - Running tmux

    /// Runs one tmux client command to completion and returns what it printed.
    /// Output goes to a file, not a pipe: the server forked by the first command would inherit a pipe's
    /// write end and keep it open for its whole life. posix_spawn + waitpid rather than Foundation's
    /// Process, whose exit monitoring was seen to miss the client's exit here.
    @discardableResult
    public static func tmux(_ socket: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let outputPath = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(socket)-\(UUID().uuidString).out").path
        defer { unlink(outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ["tmux", "-L", socket] + arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var child: pid_t = 0
        guard posix_spawnp(&child, "tmux", &actions, nil, &cArguments, environ) == 0 else {
            return (-1, "cannot run tmux")
        }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        let exitStatus: Int32 = status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
        return (exitStatus, String(decoding: data, as: UTF8.self))
    }

    public static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// A thread-safe counter for unique socket names.
private final class AtomicCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
