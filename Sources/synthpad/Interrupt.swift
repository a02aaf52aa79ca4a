import Dispatch
import Foundation
import Synchronization

/// Runs `body` in a task that Ctrl-C cancels (which cancels its HTTP request within 100 ms);
/// an interrupted run ends with `CLIError.interrupted` (exit 130), not a half-written error.
func cancellingOnInterrupt<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let interrupted = Atomic<Bool>(false)
    let task = Task { try await body() }
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler {
        interrupted.store(true, ordering: .sequentiallyConsistent)
        task.cancel()
    }
    source.resume()
    defer {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
    // A cancelled stream may end quietly rather than throw: the flag, not the outcome, says Ctrl-C was pressed.
    let result = await task.result
    if interrupted.load(ordering: .sequentiallyConsistent) { throw CLIError.interrupted }
    return try result.get()
}

/// Standard output and error without buffering surprises: streamed text must appear as it arrives. A reader that
/// went away (`synthpad complete … | head -n 1`) ends the process quietly, by SIGPIPE, as `cat` and `curl` do; any
/// other write failure (a full disk) is one line on standard error and exit 74 (EX_IOERR).
enum Output {
    static func write(_ text: String) { writeAll(text, to: STDOUT_FILENO) }

    static func line(_ text: String) { write(text + "\n") }

    /// A line on standard error, for messages and progress (never the answer).
    static func note(_ text: String) { writeAll(text + "\n", to: STDERR_FILENO) }

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }

    private static func writeAll(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Foundation.write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written >= 0 { offset += written; continue }
            switch errno {
            case EINTR, EAGAIN: continue
            case EPIPE: endByBrokenPipe()
            default:
                if descriptor != STDERR_FILENO {
                    let reason = String(cString: strerror(errno))
                    writeAll("synthpad: cannot write the output: \(reason)\n", to: STDERR_FILENO)
                }
                exit(74)
            }
        }
        bytes.removeAll()
    }

    /// Dies of SIGPIPE, as a shell pipeline expects of a writer whose reader left (status 141, no message).
    private static func endByBrokenPipe() -> Never {
        signal(SIGPIPE, SIG_DFL)
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGPIPE)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        raise(SIGPIPE)
        _exit(128 + SIGPIPE)
    }
}

/// The text a command works on: its arguments joined, or standard input when there are none (or "-"). The one
/// newline that ends what `echo` or an editor wrote is not part of the text (`echo Hello | synthpad tokenize` is
/// the tokens of "Hello"), unless `keepFinalNewline`.
func inputText(_ arguments: [String], what: String, keepFinalNewline: Bool = false) throws -> String {
    if !arguments.isEmpty, arguments != ["-"] { return arguments.joined(separator: " ") }
    if isatty(STDIN_FILENO) != 0 && arguments.isEmpty {
        throw CLIError.usage("give the \(what) as an argument or on standard input")
    }
    var text = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    if !keepFinalNewline, text.hasSuffix("\n") { text.removeLast() }
    return text
}
