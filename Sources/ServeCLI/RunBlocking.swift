import ArgumentParser
import Dispatch

/// Runs async work from synchronous code: the work runs as a task while the calling thread waits for it.
/// Only for the main thread of a command-line process (nothing else may need that thread meanwhile).
public func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let outcome = Outcome<T>()
    let done = DispatchSemaphore(value: 0)
    Task.detached {
        do { outcome.result = .success(try await body()) } catch { outcome.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try outcome.result!.get()
}

/// The result a waiting thread picks up; the semaphore orders the write before the read.
private final class Outcome<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}

/// An async command handed to the task that runs it (commands are plain structs, used by one task at a time).
public final class CommandBox: @unchecked Sendable {
    private var command: AsyncParsableCommand

    public init(_ command: AsyncParsableCommand) {
        self.command = command
    }

    public func run() async throws { try await command.run() }
}
