import ArgumentParser
import Foundation

struct PlayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play", abstract: "Open the playground (the default when no subcommand is given).")

    @OptionGroup var backendOptions: BackendOptions

    @Option(help: "Colour theme: default, light, high-contrast, mono, or a file in themes/.")
    var theme: String?

    func run() async throws {
        let backend = try await backendOptions.resolve()
        _ = backend
        throw CLIError.failed("the playground is not wired yet")
    }
}
