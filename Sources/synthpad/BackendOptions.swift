import ArgumentParser
import EngineServer
import Foundation
import SynthKit

/// Which server a command talks to. In order: `--url` (any TextSynth-compatible server), `--backend NAME`
/// (a backend of the config: the built-in textsynth, booste and local, or one of yours), the config's
/// default backend — and when that is TextSynth's cloud with no key anywhere, the embedded local engine,
/// so a newcomer without a key or a network still gets answers.
struct BackendOptions: ParsableArguments {
    @Option(help: "Backend from the config: textsynth (cloud), local (embedded engine), booste, or one you named.")
    var backend: String?

    @Option(help: "Base URL of a server, e.g. http://localhost:8080 (a self-hosted ts_server), or with --api openai http://localhost:8080/v1 (llama-server, vLLM, Ollama).")
    var url: String?

    @Option(help: "The API the --url server speaks: textsynth (default) or openai.")
    var api: ServerAPI = .textsynth

    @Option(name: [.customShort("e"), .customLong("engine")],
            help: "Engine id, e.g. gptj_6B; defaults to the backend's engine. `compare` takes it once per column.")
    var engines: [String] = []

    /// The engine asked for (the last one when given more than once).
    var engine: String? { engines.last }

    @Option(name: .customLong("model"),
            help: "The GGUF model the embedded engine runs (default: the cached SmolLM2-135M-Instruct); repeat, or ID=PATH, to run several side by side.")
    var models: [String] = []

    /// The embedded engine's model files, each with the id it is served as (nil: the one its file names).
    func servedModels() throws -> [ServedModelFile] {
        models.isEmpty ? [ServedModelFile(path: try LocalModelFile.resolve(explicit: nil))]
            : try models.map(ServeCommand.modelFile)
    }

    @Option(help: "Configuration file (default: $XDG_CONFIG_HOME/synthpad/config.toml).")
    var config: String?

    @Flag(name: .shortAndLong, help: "Say where requests go (keys are masked).")
    var verbose = false

    @Option(help: "Retries after a refused connection, a 429 or a 5xx answer, waiting 2 s, 4 s, 8 s … (0…10).")
    var retries = RetryPolicy.standard.maxAttempts - 1

    func validate() throws {
        if let url {
            let parts = URLComponents(string: url)
            guard let parts, ["http", "https"].contains(parts.scheme?.lowercased() ?? ""), !(parts.host ?? "").isEmpty else {
                throw ArgumentParser.ValidationError(
                    "--url \(url) is not a server address (give http://host:port or https://host)")
            }
        }
        guard (0...10).contains(retries) else {
            throw ArgumentParser.ValidationError("--retries \(retries) is out of range (allowed 0…10)")
        }
    }

    /// How this command's requests travel: a retry is told on standard error as it happens (a server that is down
    /// otherwise looks like a hang), and --verbose shows every request and answer, keys masked.
    var transportOptions: TransportOptions {
        var options = TransportOptions()
        options.retry.maxAttempts = retries + 1
        options.retry.onRetry = { retry in Output.note("synthpad: \(retry.error); \(retry.progress) (Ctrl-C stops)") }
        if verbose { options.log = { Output.note($0) } }
        return options
    }

    /// How the TUI's requests travel: the same retries, told on screen by the playground rather than on standard
    /// error (curses owns the terminal).
    var screenTransportOptions: TransportOptions {
        var options = TransportOptions()
        options.retry.maxAttempts = retries + 1
        return options
    }

    /// The configuration file's contents, or the defaults when there is none.
    func loadConfig() throws -> SynthConfig {
        do {
            return try config.map { try SynthConfig.load(from: $0) } ?? SynthConfig.load()
        } catch {
            throw CLIError.usage("\(error)")
        }
    }

    /// The backend configuration this invocation selects (not yet started or connected).
    func selectedBackend(in config: SynthConfig) throws -> BackendConfig {
        if let url { return BackendConfig(name: "url", kind: api == .openai ? .openai : .textsynth, url: url) }
        if let name = backend {
            guard let chosen = config.backend(named: name) else {
                throw CLIError.usage("unknown backend \"\(name)\"; configured: \(config.backends.map(\.name).joined(separator: ", "))")
            }
            return chosen
        }
        guard let chosen = config.selectedBackend else { return Self.embedded }
        // The embedded default: the cloud without a key cannot answer, the local engine can.
        if chosen.kind == .textsynth, chosen.url == TextSynthClient.cloudURL, (try? config.apiKey(for: chosen)) ?? nil == nil {
            return Self.embedded
        }
        return chosen
    }

    static let embedded = BackendConfig(name: "local", kind: .local, url: "")

    /// Resolves a TextSynth-protocol backend, starting the embedded engine when that is the one chosen.
    func resolve() async throws -> ResolvedBackend {
        let config = try loadConfig()
        let chosen = try selectedBackend(in: config)
        switch chosen.kind {
        case .local:
            let (client, server, engineID) = try await startEmbeddedEngine()
            return announce(.local(client, engine: engine ?? engineID, server: server,
                                   label: "embedded local engine on \(client.baseURL)"))
        case .booste:
            throw CLIError.usage("backend \"\(chosen.name)\" is Booste GPT-2: use `synthpad gpt2`")
        case .openai:
            let client: OpenAIClient
            do {
                client = try config.openAIClient(for: chosen, options: transportOptions)
            } catch {
                throw CLIError.usage("\(error)")
            }
            let model = engine ?? chosen.engine ?? ""  // asked for by the commands that need one
            let keyNote = client.apiKey.map { " (key \($0))" } ?? ""
            return announce(.openAI(client, engine: model, label: "\(chosen.name) at \(chosen.url)\(keyNote)"))
        case .textsynth:
            let client: TextSynthClient
            do {
                client = try config.textSynthClient(for: chosen, options: transportOptions)
            } catch {
                throw CLIError.usage("\(error)")
            }
            let keyNote = client.apiKey.map { " (key \($0))" } ?? ""
            return announce(.remote(client, engine: engine ?? config.engine(for: chosen),
                                    label: "\(chosen.name) at \(chosen.url)\(keyNote)"))
        }
    }

    /// The request as the curl command that sends it to the chosen backend; nothing is started or sent. The
    /// embedded engine is addressed where `synthpad serve` listens by default (said on standard error).
    func curl(for request: TextRequest) throws -> String {
        let config = try loadConfig()
        let chosen = try selectedBackend(in: config)
        let hasKey = ((try? config.apiKey(for: chosen)) ?? nil) != nil
        let keyVariable = hasKey ? chosen.keyVariable : nil
        if let keyVariable, ProcessInfo.processInfo.environment[keyVariable] == nil {
            Output.note("synthpad: the command reads the key from $\(keyVariable): set it before running it")
        }
        switch chosen.kind {
        case .openai:
            let client = OpenAIClient(baseURL: chosen.url)
            guard let model = engine ?? chosen.engine else {
                throw CLIError.usage("name the model: --engine MODEL")
            }
            switch request {
            case .completion(let r): return try client.curl(model: model, request: r, keyVariable: keyVariable)
            case .chat(let r): return try client.curl(model: model, request: r, keyVariable: keyVariable)
            }
        case .booste:
            throw CLIError.usage("backend \"\(chosen.name)\" is Booste GPT-2: use `synthpad gpt2`")
        case .local, .textsynth:
            var url = chosen.url
            var model = engine ?? config.engine(for: chosen)
            if chosen.kind == .local {
                url = "http://127.0.0.1:8080"
                model = engine ?? EngineServerConfiguration.defaultEngineID
                Output.note("synthpad: the local engine answers this once `synthpad serve --port 8080` runs")
            }
            let client = TextSynthClient(baseURL: url)
            // Nothing is sent to ask the server, but the cloud is known: it refuses the field.
            if request.topLogprobs != nil, client.knownTokenLogprobsSupport(engine: model) == false {
                throw CLIError.usage("\(TokenLogprobsUnavailable(engine: model, url: url))")
            }
            switch request {
            case .completion(let r): return try client.curl(engine: model, request: r, keyVariable: keyVariable)
            case .chat(let r): return try client.curl(engine: model, request: r, keyVariable: keyVariable)
            }
        }
    }

    /// Starts the embedded engine server on an ephemeral loopback port.
    func startEmbeddedEngine() async throws -> (TextSynthClient, EngineServer, engineID: String) {
        var configuration = EngineServerConfiguration(modelPath: nil)
        configuration.models = try servedModels()
        configuration.logLevel = verbose ? "info" : "error"
        let server = try EngineServer(configuration: configuration)
        let port: Int
        do {
            port = try await server.start()
        } catch {
            throw CLIError.failed("the local engine could not start: \(error)")
        }
        return (TextSynthClient(baseURL: "http://127.0.0.1:\(port)", options: transportOptions), server,
                server.engineIDs.first ?? EngineServerConfiguration.defaultEngineID)
    }

    private func announce(_ backend: ResolvedBackend) -> ResolvedBackend {
        if verbose { Output.note("synthpad: using \(backend.label), engine \(backend.engine)") }
        return backend
    }
}

enum ServerAPI: String, ExpressibleByArgument, CaseIterable {
    case textsynth, openai
}

/// A backend ready to take requests.
enum ResolvedBackend {
    case remote(TextSynthClient, engine: String, label: String)
    /// The embedded engine: its in-process server lives as long as the process.
    case local(TextSynthClient, engine: String, server: EngineServer, label: String)
    /// An OpenAI-compatible server: completions and chat only.
    case openAI(OpenAIClient, engine: String, label: String)

    /// The TextSynth client, for the endpoints only TextSynth has; `command` names what asked, for the error.
    func textSynthClient(for command: String) throws -> TextSynthClient {
        switch self {
        case .remote(let client, _, _), .local(let client, _, _, _): return client
        case .openAI(_, _, let label):
            throw CLIError.usage("`synthpad \(command)` needs a TextSynth server; \(label) speaks the OpenAI API"
                                 + " (complete, chat and engines work there)")
        }
    }

    /// The model an OpenAI-compatible server is to run (such servers have no default one to fall back on).
    func openAIModel() throws -> (OpenAIClient, String)? {
        guard case .openAI(let client, let model, let label) = self else { return nil }
        guard !model.isEmpty else {
            throw CLIError.usage("name the model for \(label): --engine MODEL, or engine = \"…\" in its [backends.NAME]"
                                 + " (`synthpad engines` lists the server's models)")
        }
        return (client, model)
    }

    var engine: String {
        switch self {
        case .remote(_, let engine, _), .local(_, let engine, _, _), .openAI(_, let engine, _): engine
        }
    }

    var label: String {
        switch self {
        case .remote(_, _, let label), .local(_, _, _, let label), .openAI(_, _, let label): label
        }
    }

    /// The engine that translates on this backend.
    var translationEngine: String {
        switch self {
        case .remote, .openAI: EngineCatalog.defaultTranslationEngine
        case .local: TranslationEngineID.apertium
        }
    }
}

extension ResolvedBackend {
    /// Refuses `--logprobs` before the request where the engine cannot give per-token log-probabilities: a
    /// TextSynth-protocol engine must list the capability (the cloud refuses the unknown field); OpenAI-compatible
    /// servers take their own `logprobs` instead.
    func requireTokenLogprobs() async throws {
        switch self {
        case .openAI: return
        case .remote(let client, let engine, _), .local(let client, let engine, _, _):
            do { try await client.requireTokenLogprobs(engine: engine) } catch let refusal as TokenLogprobsUnavailable {
                throw CLIError.usage(refusal.description)
            }
        }
    }
}
