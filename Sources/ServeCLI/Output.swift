import Foundation

/// Standard output and error without buffering surprises: streamed text must appear as it arrives. A reader that
/// went away (`synthpad complete … | head -n 1`) ends the process quietly, by SIGPIPE, as `cat` and `curl` do; any
/// other write failure (a full disk) is one line on standard error and exit 74 (EX_IOERR).
public enum Output {
    public static func write(_ text: String) { writeAll(text, to: STDOUT_FILENO) }

    public static func line(_ text: String) { write(text + "\n") }

    /// A line on standard error, for messages and progress (never the answer).
    public static func note(_ text: String) { writeAll(text + "\n", to: STDERR_FILENO) }

    public static func json<T: Encodable>(_ value: T) throws {
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
