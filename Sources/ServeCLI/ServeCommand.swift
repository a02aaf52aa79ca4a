import ArgumentParser
import EngineServer
import Foundation
import SynthWire

public struct ServeCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the local engine as an HTTP server speaking TextSynth's, Booste's and OpenAI's APIs.",
        discussion: """
            Serves the local model as engine smollm2_135M and Apertium translation as engine apertium \
            (alias m2m100_1_2B). Listening on anything but loopback requires --api-key.
            Several models at once: --model A.gguf --model B.gguf, each served under the id its file names \
            (general.basename_size_label, e.g. smollm2_135M) or the one given as --model ID=PATH; each has its own \
            scheduler and memory. Every route picks the model by engine id (OpenAI's model field; Booste's \
            optional "model", else the first).
            Translation runs the installed Apertium pairs, pivoting through other languages when no pair is direct \
            (at most 4 steps); source_lang "auto" detects each text's language with cld2 and refuses text too short \
            to tell. Apertium is rule-based: it makes one translation, so num_beams is accepted (1-5, default 4, as \
            the TextSynth API) and changes nothing.
            """)

    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on (0 picks a free one).") var port = 8080
    @Option(name: .customLong("model"),
            help: "GGUF model file, or ID=PATH to serve it as engine ID; repeat to serve several (default: the cached SmolLM2-135M-Instruct).")
    var models: [String] = []
    @Option(help: "Inference threads (default: all cores).") var threads: Int?
    @Option(help: "Require this key (Authorization: Bearer KEY). Prefer --api-key-file: arguments are visible to other users.")
    var apiKey: String?
    @Option(help: "Read the required key from this file (must not be readable by others).") var apiKeyFile: String?
    @Option(help: "Balance a new credits ledger starts with.") var credits: Double?
    @Option(help: "Credits charged per input or output token.") var pricePerToken: Double?
    /// For the TUI, which runs its embedded engine as a child: print the bound port alone on standard output, log
    /// only errors, and stop when standard input closes (the parent's end of a pipe: it closes however it dies).
    @Flag(help: .hidden) var announcePort = false
    @Flag(help: .hidden) var exitWithStdin = false

    public init() {}

    public func run() async throws {
        try checkRanges()
        var configuration = EngineServerConfiguration(modelPath: nil, port: port)
        configuration.models = try models.isEmpty
            ? [ServedModelFile(path: LocalModelFile.resolve(explicit: nil))]
            : models.map(Self.modelFile)
        configuration.host = host
        if let threads { configuration.threads = threads }
        if let credits { configuration.initialCredits = credits }
        if let pricePerToken { configuration.creditsPerToken = pricePerToken }
        configuration.logLevel = announcePort ? "error" : "info"
        do {
            // A key file others can read is refused, as ssh refuses such private keys.
            configuration.apiKey = try apiKeyFile.map { try SecretFile.readKey(at: $0).reveal() } ?? apiKey
        } catch {
            throw CLIError.usage("\(error)")
        }
        let server: EngineServer
        do {
            server = try EngineServer(configuration: configuration)
        } catch {
            throw CLIError.usage("\(error)")
        }
        let bound: Int
        do {
            bound = try await server.start(stopOnSignals: true)
        } catch let error as EngineServerError {
            if case .duplicateEngineID = error { throw CLIError.usage("\(error)") }
            throw CLIError.failed("\(error)")
        }
        if announcePort {
            Output.line("\(bound)")
        } else {
            Output.note("synthpad: serving on http://\(host):\(bound)")
        }
        if exitWithStdin { Self.stopWhenStandardInputCloses() }
        try await server.run()
    }

    /// Numbers that cannot work are refused with their range before the model loads (a port past 65535 would
    /// otherwise wrap around to another one).
    private func checkRanges() throws {
        guard (0...65535).contains(port) else {
            throw CLIError.usage("--port \(port) is out of range (allowed 1…65535, or 0 for any free port)")
        }
        if let threads, !(1...256).contains(threads) {
            throw CLIError.usage("--threads \(threads) is out of range (allowed 1…256)")
        }
        if let credits, !(credits.isFinite && credits >= 0 && credits <= 1e9) {
            throw CLIError.usage("--credits \(credits) is out of range (allowed 0…1000000000)")
        }
        if let pricePerToken, !(pricePerToken.isFinite && pricePerToken >= 0 && pricePerToken <= 1e6) {
            throw CLIError.usage("--price-per-token \(pricePerToken) is out of range (allowed 0…1000000)")
        }
    }

    /// `PATH` or `ID=PATH`: an existing file's name is a path even if it holds "=" (an id has no "/" either).
    public static func modelFile(_ argument: String) throws -> ServedModelFile {
        if !FileManager.default.fileExists(atPath: argument), let equals = argument.firstIndex(of: "="),
           !argument[..<equals].contains("/") {
            let id = String(argument[..<equals])
            guard !id.isEmpty, id.allSatisfy({ $0.isLetter || $0.isNumber || "_.-@".contains($0) }) else {
                throw CLIError.usage("--model \(argument): the engine id '\(id)' may hold letters, digits, _ . - @ only")
            }
            return ServedModelFile(path: try LocalModelFile.resolve(explicit: String(argument[argument.index(after: equals)...])),
                                   engineID: id)
        }
        return ServedModelFile(path: try LocalModelFile.resolve(explicit: argument))
    }

    /// Reads standard input until it closes, then asks for the same graceful stop as Ctrl-C.
    private static func stopWhenStandardInputCloses() {
        let watcher = Thread {
            var buffer = [UInt8](repeating: 0, count: 64)
            while read(STDIN_FILENO, &buffer, buffer.count) > 0 {}
            kill(getpid(), SIGTERM)
        }
        watcher.name = "synthpad-lifeline"
        watcher.start()
    }
}
