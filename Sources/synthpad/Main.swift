import ArgumentParser
import Foundation
import SynthKit

/// The entry point. Argument parsing is swift-argument-parser's; error reporting is ours, so that every
/// failure is one clear line on stderr with a meaningful exit code and never a stack trace.
///
/// `main` is synchronous on purpose: the TUI commands (ParsableCommand) run their event loop on the process's real
/// main thread, which curses wants, and with no Swift concurrency in the process an idle playground makes no
/// system calls at all (an async main parks the main thread in libdispatch, whose pool monitor then ticks every
/// second). The other commands are async and run in a task while the main thread waits (`runBlocking`).
@main
enum Main {
    static func main() {
        // libcurl's global state is set up once, on the main thread, before any transport thread starts.
        initializeNetworking()
        let code: Int32
        do {
            var command = try Synthpad.parseAsRoot()
            if let asyncCommand = command as? AsyncParsableCommand {
                let box = CommandBox(asyncCommand)
                try runBlocking { try await box.run() }
            } else {
                try command.run()
            }
            code = 0
        } catch {
            code = report(error)
        }
        exit(code)
    }

    /// Prints `error` for a person and returns the exit code it deserves.
    static func report(_ error: Error) -> Int32 {
        let exitCode: Int32
        let message: String
        switch error {
        case let error as CLIError:
            (message, exitCode) = (error.description, error.exitCode)
        case let error as SynthKit.ValidationError:
            (message, exitCode) = (error.description, 64)
        case let error as APIError:
            (message, exitCode) = (error.description, error == .cancelled ? 130 : 1)
        default:
            let code = Synthpad.exitCode(for: error)
            if code == .success {
                // --help, --version: ArgumentParser's full text on stdout.
                print(Synthpad.fullMessage(for: error))
                return 0
            }
            (message, exitCode) = (Synthpad.message(for: error), code == .validationFailure ? 64 : code.rawValue)
        }
        if !message.isEmpty { Output.note("synthpad: \(message)") }
        return exitCode
    }
}
