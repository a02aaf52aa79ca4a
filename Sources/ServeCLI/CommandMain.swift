import ArgumentParser
import Foundation
import SynthWire

/// What `main` does for synthpad and for synthpad-engine: parse, run, and report every failure as one clear line on
/// stderr with a meaningful exit code, never a stack trace.
///
/// Synchronous on purpose: the TUI commands (ParsableCommand) run their event loop on the process's real main
/// thread, which curses wants, and with no Swift concurrency in the process an idle playground makes no system calls
/// at all (an async main parks the main thread in libdispatch, whose pool monitor then ticks every second). The
/// other commands are async and run in a task while the main thread waits (`runBlocking`).
public enum CommandMain {
    /// Parses the command line for `root`, runs the command and exits. `beforeRun` sees the parsed command on the
    /// main thread before any task starts (where `serve` hands itself to synthpad-engine).
    public static func run(_ root: ParsableCommand.Type,
                           beforeRun: (ParsableCommand) throws -> Void = { _ in }) -> Never {
        let code: Int32
        do {
            var command = try root.parseAsRoot()
            try beforeRun(command)
            if let asyncCommand = command as? AsyncParsableCommand {
                let box = CommandBox(asyncCommand)
                try runBlocking { try await box.run() }
            } else {
                try command.run()
            }
            code = 0
        } catch {
            code = report(error, root: root)
        }
        exit(code)
    }

    /// Prints `error` for a person and returns the exit code it deserves.
    static func report(_ error: Error, root: ParsableCommand.Type) -> Int32 {
        let exitCode: Int32
        let message: String
        switch error {
        case let error as CLIError:
            (message, exitCode) = (error.description, error.exitCode)
        case let error as SynthWire.ValidationError:
            (message, exitCode) = (error.description, 64)
        case let error as APIError:
            (message, exitCode) = (error.description, error == .cancelled ? 130 : 1)
        default:
            let code = root.exitCode(for: error)
            if code == .success {
                // --help, --version: ArgumentParser's full text on stdout.
                print(root.fullMessage(for: error))
                return 0
            }
            (message, exitCode) = (root.message(for: error), code == .validationFailure ? 64 : code.rawValue)
        }
        if !message.isEmpty { Output.note("synthpad: \(message)") }
        return exitCode
    }
}
