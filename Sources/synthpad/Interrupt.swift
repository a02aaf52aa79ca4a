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

/// Standard output without buffering surprises: streamed text must appear as it arrives.
enum Output {
    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func line(_ text: String) { write(text + "\n") }

    static func json<T: Encodable>(_ value: T) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        line(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}

/// The text a command works on: its arguments joined, or standard input when there are none (or "-").
func inputText(_ arguments: [String], what: String) throws -> String {
    if !arguments.isEmpty, arguments != ["-"] { return arguments.joined(separator: " ") }
    if isatty(STDIN_FILENO) != 0 && arguments.isEmpty {
        throw CLIError.usage("give the \(what) as an argument or on standard input")
    }
    let data = FileHandle.standardInput.readDataToEndOfFile()
    return String(decoding: data, as: UTF8.self)
}
