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
