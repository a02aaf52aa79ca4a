import ArgumentParser
import ServeCLI

/// synthpad-engine: `synthpad serve` alone, without the TUI's libraries (see EngineExecutable). `synthpad serve …`
/// execs it with its own arguments, so it reads the same command line, "serve" included.
@main
enum EngineMain {
    static func main() {
        CommandMain.run(EngineRoot.self)
    }
}

struct EngineRoot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synthpad", abstract: "The local engine's server (`synthpad serve`) without the playground.",
        subcommands: [ServeCommand.self])
}
