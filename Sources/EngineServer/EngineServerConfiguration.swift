// Everything `synthpad serve` (or the TUI's in-process server) decides about the local TextSynth-compatible server.

import Foundation

public struct EngineServerConfiguration: Sendable {
    /// Address to listen on. Anything other than loopback requires `apiKey`.
    public var host: String = "127.0.0.1"
    /// 0 picks a free port; `EngineServer.start()` returns the one bound.
    public var port: Int = 0
    /// The GGUF models served, each its own engine with its own scheduler and KV caches; the first is the one
    /// id-less requests (Booste) run on. None serves translation only.
    public var models: [ServedModelFile] = []
    /// Other ids accepted for the first model (e.g. a cloud id so an unchanged client config works).
    public var engineAliases: [String] = []
    /// The id the bundled SmolLM2 file names itself by (`general.basename` + `general.size_label`).
    public static let defaultEngineID = "smollm2_135M"
    /// Threads the inference core splits matrix rows over.
    public var threads: Int = max(1, ProcessInfo.processInfo.activeProcessorCount)
    /// When set, every request must carry `Authorization: Bearer KEY` (Booste: `"apiKey"` in the body).
    public var apiKey: String?
    /// Credits charged per input and per output token (tokenize is free).
    public var creditsPerToken: Double = 0.001
    /// The balance a new ledger starts with.
    public var initialCredits: Double = 1000
    /// Directory of `local-credits.json`; nil means $XDG_STATE_HOME/synthpad or ~/.local/state/synthpad.
    public var stateDirectory: URL?
    /// Serve `/translate` with Apertium when it is installed.
    public var translationEnabled: Bool = true
    /// The `apertium` command; nil looks it up on PATH.
    public var apertiumExecutable: URL?
    /// Sequences generating at once (each of the n completions of a request is one).
    public var maxActiveSequences: Int = 8
    /// Sequences waiting for a free slot before new requests are refused with 429.
    public var maxQueuedSequences: Int = 64
    /// Most prompt tokens one batched step takes from all prefilling sequences together.
    public var prefillChunkTokens: Int = 128
    /// The context window; nil uses the model's (capped at `maxContextLength`).
    public var contextLength: Int?
    /// Upper bound for the context window, so KV caches for all slots stay small.
    public var maxContextLength: Int = 2048
    /// Request bodies larger than this are refused with 413.
    public var maxBodyBytes: Int = 1_000_000
    /// How long finished Booste tasks stay readable.
    public var boosteTaskLifetime: Double = 3600
    /// Log level of the server's own logger (stderr). Quiet by default: the TUI shares the terminal.
    public var logLevel: String = "error"

    public init() {}

    public init(modelPath: String?, port: Int = 0, apiKey: String? = nil) {
        self.models = modelPath.map { [ServedModelFile(path: $0)] } ?? []
        self.port = port
        self.apiKey = apiKey
    }

    /// Whether `host` only accepts connections from this machine.
    var isLoopback: Bool {
        let lowered = host.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered == "[::1]" || lowered.hasPrefix("127.")
    }
}

/// A GGUF file to serve, and the engine id clients name it by (nil: the id the file names itself by).
public struct ServedModelFile: Sendable, Equatable {
    public var path: String
    public var engineID: String?

    public init(path: String, engineID: String? = nil) {
        self.path = path
        self.engineID = engineID
    }
}

/// The engine id the Apertium translator is served as, and the cloud id accepted for it.
public enum TranslationEngineID {
    public static let apertium = "apertium"
    /// TextSynth's translation engine: accepted as an alias so cloud-style clients work unchanged.
    public static let cloudAlias = "m2m100_1_2B"
    static let all = [apertium, cloudAlias]
}
