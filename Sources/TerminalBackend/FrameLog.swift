import Glibc

/// An opt-in timing log for the TUI benchmarks (benchmarks/tui-latency.sh, tui-idle.sh): with
/// `SYNTHPAD_FRAME_LOG=<path>` set, every terminal read that brought input and every painted frame appends one line,
///
///     key <monotonic ns> <inputs decoded>
///     frame <monotonic ns> <cells painted>
///
/// (CLOCK_MONOTONIC, the clock `time.monotonic_ns()` reads in Python). Unset, `shared` is nil and each hook
/// is one branch: no file, no clock read, no allocation.
public final class FrameLog: Sendable {
    /// The log the environment asks for, opened on first use; nil when SYNTHPAD_FRAME_LOG is unset, empty,
    /// or cannot be opened (a benchmark aid must never stop the playground).
    public static let shared: FrameLog? = {
        guard let path = getenv("SYNTHPAD_FRAME_LOG").map({ String(cString: $0) }), !path.isEmpty else { return nil }
        return FrameLog(path: path)
    }()

    private let descriptor: Int32

    /// Opens `path` for appending (created if missing); nil when it cannot be opened.
    public init?(path: String) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    /// The terminal had input: `inputs` keys, pastes or mouse events were decoded from it.
    public func keyReceived(inputs: Int) { append("key", inputs) }

    /// A frame reached the terminal (after `wrefresh`), having written `cells` cells.
    public func framePainted(cells: Int) { append("frame", cells) }

    /// One `write(2)` per line, unbuffered, so a killed process leaves every line it logged.
    private func append(_ kind: String, _ value: Int) {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let nanoseconds = Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
        var line = "\(kind) \(nanoseconds) \(value)\n"
        line.withUTF8 { bytes in _ = write(descriptor, bytes.baseAddress, bytes.count) }
    }
}
