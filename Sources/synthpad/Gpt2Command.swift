import ArgumentParser
import SynthKit

struct Gpt2Command: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gpt2", abstract: "Booste GPT-2 (not yet wired).")
    func run() async throws { throw CLIError.failed("not yet wired") }
}

struct Gpt2CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gpt2-check", abstract: "Booste GPT-2 task check.")
    func run() async throws { throw CLIError.failed("not yet wired") }
}
