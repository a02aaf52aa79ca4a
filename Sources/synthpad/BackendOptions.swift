import ArgumentParser
import EngineServer
import Foundation
import SynthKit

/// Which server a command talks to. Resolution order: `--url` (a self-hosted TextSynth-compatible server),
/// `--backend` (local | textsynth | booste), then a configured key: with no key anywhere the embedded
/// local engine is used, so a newcomer without a key or a network still gets answers.
struct BackendOptions: ParsableArguments {
    @Option(help: "Backend: local (embedded engine), textsynth (cloud, needs TEXTSYNTH_API_KEY), or a name from the config.")
    var backend: String?

    @Option(help: "Base URL of a TextSynth-compatible server, e.g. http://localhost:8080 (a self-hosted ts_server).")
    var url: String?

    @Option(name: .shortAndLong, help: "Engine id, e.g. gptj_6B; defaults to the backend's default engine.")
    var engine: String?

    @Option(help: "The GGUF model the embedded engine runs (default: the cached SmolLM2-135M-Instruct).")
    var model: String?

    @Flag(name: .shortAndLong, help: "Print where requests go (keys are masked).")
    var verbose = false

    /// Resolves the backend, starting the embedded engine when that is the one chosen.
    func resolve() async throws -> ResolvedBackend {
        let environment = ProcessInfo.processInfo.environment
        if let url {
            let key = environment["TEXTSYNTH_API_KEY"].flatMap(APIKey.init(trimming:))
            return try announce(.remote(TextSynthClient(baseURL: url, apiKey: key), engine: engine ?? EngineCatalog.defaultCompletionEngine,
                                        label: "TextSynth-compatible server at \(url)"))
        }
        switch backend?.lowercased() {
        case "local":
            return try await announce(startLocal())
        case "textsynth", "cloud":
            guard let key = environment["TEXTSYNTH_API_KEY"].flatMap(APIKey.init(trimming:)) else {
                throw CLIError.usage("the textsynth backend needs an API key: set TEXTSYNTH_API_KEY")
            }
            return try announce(.remote(TextSynthClient(apiKey: key), engine: engine ?? EngineCatalog.defaultCompletionEngine,
                                        label: "TextSynth cloud (key \(key))"))
        case nil:
            if let key = environment["TEXTSYNTH_API_KEY"].flatMap(APIKey.init(trimming:)) {
                return try announce(.remote(TextSynthClient(apiKey: key), engine: engine ?? EngineCatalog.defaultCompletionEngine,
                                            label: "TextSynth cloud (key \(key))"))
            }
            return try await announce(startLocal())
        case let other?:
            throw CLIError.usage("unknown backend \"\(other)\"; use local, textsynth, or --url for a self-hosted server")
        }
    }

    private func startLocal() async throws -> ResolvedBackend {
        let modelPath = try LocalModelFile.resolve(explicit: model)
        var configuration = EngineServerConfiguration(modelPath: modelPath)
        configuration.logLevel = verbose ? "info" : "error"
        let server = try EngineServer(configuration: configuration)
        let port: Int
        do {
            port = try await server.start()
        } catch {
            throw CLIError.failed("the local engine could not start: \(error)")
        }
        let client = TextSynthClient(baseURL: "http://127.0.0.1:\(port)")
        return .local(client, engine: engine ?? configuration.engineID, server: server,
                      label: "embedded local engine on 127.0.0.1:\(port)")
    }

    private func announce(_ backend: ResolvedBackend) throws -> ResolvedBackend {
        if verbose { FileHandle.standardError.write(Data("synthpad: using \(backend.label), engine \(backend.engine)\n".utf8)) }
        return backend
    }
}

/// A backend ready to take requests.
enum ResolvedBackend {
    case remote(TextSynthClient, engine: String, label: String)
    /// The embedded engine: its in-process server lives as long as this value is in use.
    case local(TextSynthClient, engine: String, server: EngineServer, label: String)

    var client: TextSynthClient {
        switch self {
        case .remote(let client, _, _), .local(let client, _, _, _): client
        }
    }

    var engine: String {
        switch self {
        case .remote(_, let engine, _), .local(_, let engine, _, _): engine
        }
    }

    var label: String {
        switch self {
        case .remote(_, _, let label), .local(_, _, _, let label): label
        }
    }

    /// The engine that translates on this backend.
    var translationEngine: String {
        switch self {
        case .remote: EngineCatalog.defaultTranslationEngine
        case .local: TranslationEngineID.apertium
        }
    }

    /// Stops the embedded server, if any.
    func close() async {
        if case .local(_, _, let server, _) = self { await server.shutdown() }
    }
}

/// Where the embedded engine's model lives: `--model`, `$SYNTHPAD_MODEL`, or the cache that `make setup` fills.
enum LocalModelFile {
    static let fileName = "SmolLM2-135M-Instruct.Q4_1.gguf"

    static var cachedPath: String {
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (NSHomeDirectory() + "/.cache")
        return cache + "/synthpad/models/" + fileName
    }

    static func resolve(explicit: String?) throws -> String {
        let path = explicit ?? ProcessInfo.processInfo.environment["SYNTHPAD_MODEL"] ?? cachedPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError.failed("""
                the local engine's model is missing at \(path); run `make setup` (or scripts/fetch-model.sh) \
                to fetch it, or set TEXTSYNTH_API_KEY to use the cloud
                """)
        }
        return path
    }
}
