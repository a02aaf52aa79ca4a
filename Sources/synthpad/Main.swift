import ServeCLI
import SynthKit

/// The entry point: argument parsing is swift-argument-parser's, running and error reporting `CommandMain`'s.
@main
enum Main {
    static func main() {
        // libcurl's global state is set up once, on the main thread, before any transport thread starts.
        initializeNetworking()
        CommandMain.run(Synthpad.self) { command in
            // `serve` runs in the slim synthpad-engine beside this binary when there is one (see EngineExecutable).
            if command is ServeCommand { try EngineExecutable.handOff() }
        }
    }
}
