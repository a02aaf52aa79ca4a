import Foundation
import TOMLKit

/// A place synthpad can send requests to.
public struct BackendConfig: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// TextSynth's cloud or a self-hosted ts_server.
        case textsynth
        /// Booste GPT-2.
        case booste
        /// synthpad's own engine server on loopback.
        case local
        /// An OpenAI-compatible server: llama.cpp's llama-server, vLLM, Ollama, OpenAI (`url` ends in `/v1`).
        case openai
    }

    public var name: String
    public var kind: Kind
    public var url: String
    public var engine: String?
    /// A file holding the key (must be private: mode 0600).
    public var keyFile: String?
    /// A key written in the config file itself (then the config file must be private).
    public var inlineKey: APIKey?

    public init(name: String, kind: Kind, url: String, engine: String? = nil, keyFile: String? = nil,
                inlineKey: APIKey? = nil) {
        self.name = name
        self.kind = kind
        self.url = url
        self.engine = engine
        self.keyFile = keyFile
        self.inlineKey = inlineKey
    }

    /// The environment variable that overrides this kind's key.
    public var keyVariable: String? {
        switch kind {
        case .textsynth: "TEXTSYNTH_API_KEY"
        case .booste: "BOOSTE_API_KEY"
        case .local: nil
        case .openai: "OPENAI_API_KEY"
        }
    }
}

/// `config.toml`:
/// ```toml
/// default_backend = "cloud"
/// default_engine = "gptj_6B"
/// theme = "dark"
/// graphics = "auto"            # image previews: auto | kitty | iterm | sixel | symbols
/// image_directory = "~/Pictures/synthpad"
///
/// [backends.cloud]
/// kind = "textsynth"            # textsynth | booste | local | openai
/// url = "https://api.textsynth.com"
/// engine = "gptj_6B"
/// key_file = "~/.config/synthpad/textsynth.key"
///
/// [parameters]                  # default sampling parameters, wire names
/// max_tokens = 200
/// temperature = 0.8
/// stop = ["\n\n"]
/// ```
public struct SynthConfig: Sendable, Equatable {
    /// Built-in backends plus those of the file (which win by name), sorted by name.
    public var backends: [BackendConfig]
    public var defaultBackend: String
    public var defaultEngine: String?
    public var theme: String?
    /// How images are drawn: auto, kitty, iterm, sixel or symbols (`graphics = "symbols"`); nil: auto.
    public var graphics: String?
    /// Where generated images are saved (`image_directory`); nil: the current directory.
    public var imageDirectory: String?
    public var parameters: SamplingParameters
    /// Engines the config adds to the catalogue (`[engines.ID]`): a cloud engine newer than this release, or a
    /// self-hosted server's own.
    public var engines: [Engine] = []
    /// The file this came from, when there was one.
    public var file: String?
    /// Whether runs are kept in the history database (`log = false` turns it off).
    public var log = true
    /// `[budget]` and `[prices]`: what a TUI session may spend, and what the cloud's engines cost.
    public var budget = Budget()

    public init(backends: [BackendConfig] = SynthConfig.builtInBackends(), defaultBackend: String = "textsynth",
                defaultEngine: String? = nil, theme: String? = nil, parameters: SamplingParameters = .defaults,
                file: String? = nil) {
        self.backends = backends
        self.defaultBackend = defaultBackend
        self.defaultEngine = defaultEngine
        self.theme = theme
        self.parameters = parameters
        self.file = file
    }

    public static func builtInBackends(environment: [String: String] = ProcessInfo.processInfo.environment)
        -> [BackendConfig] {
        [
            BackendConfig(name: "booste", kind: .booste, url: environment["BOOSTE_URL"] ?? BoosteClient.defaultURL),
            BackendConfig(name: "local", kind: .local, url: "http://127.0.0.1:8080"),
            BackendConfig(name: "textsynth", kind: .textsynth, url: TextSynthClient.cloudURL,
                          engine: EngineCatalog.defaultCompletionEngine),
        ]
    }

    public func backend(named name: String) -> BackendConfig? { backends.first { $0.name == name } }

    /// The default backend (falls back to the first one if the name is unknown).
    public var selectedBackend: BackendConfig? { backend(named: defaultBackend) ?? backends.first }

    /// Loads `$XDG_CONFIG_HOME/synthpad/config.toml`; no file means the defaults.
    public static func load(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError)
        -> SynthConfig {
        try load(from: ConfigPaths.configFile(environment: environment).path, environment: environment)
    }

    public static func load(from path: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigError) -> SynthConfig {
        guard FileManager.default.fileExists(atPath: path) else { return SynthConfig(backends: builtInBackends(environment: environment)) }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(file: path, message: "cannot read the configuration file")
        }
        return try parse(text, file: path, environment: environment)
    }

    /// Parses TOML text; errors name `file` and the line.
    public static func parse(_ text: String, file: String,
                             environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError)
        -> SynthConfig {
        let table = try ConfigReader.parse(text, file: file)
        let reader = ConfigReader(text: text, file: file)
        var config = SynthConfig(backends: builtInBackends(environment: environment), file: file)
        // Every problem is collected and reported together: fixing one should not just reveal the next.
        var problems: [ConfigError] = []
        func collect(_ step: () throws(ConfigError) -> Void) {
            do { try step() } catch { problems.append(error) }
        }
        for key in table.keys.sorted() where !Self.topLevelKeys.contains(key) {
            problems.append(reader.error("unknown key \"\(key)\" (known: \(Self.topLevelKeys.joined(separator: ", ")))",
                                         key: key))
        }
        collect { () throws(ConfigError) in config.defaultBackend = try reader.string(table, "default_backend") ?? config.defaultBackend }
        collect { () throws(ConfigError) in config.defaultEngine = try reader.string(table, "default_engine") }
        collect { () throws(ConfigError) in config.theme = try reader.string(table, "theme") }
        collect { () throws(ConfigError) in config.graphics = try reader.string(table, "graphics") }
        collect { () throws(ConfigError) in config.imageDirectory = try reader.string(table, "image_directory") }
        collect { () throws(ConfigError) in config.log = try reader.bool(table, "log") ?? true }
        collect { () throws(ConfigError) in
            guard let backends = try reader.table(table, "backends") else { return }
            for name in backends.keys.sorted() {
                collect { () throws(ConfigError) in
                    guard let entry = backends[name]?.table else {
                        throw reader.error("[backends.\(name)] must be a table", key: name)
                    }
                    let backend = try reader.backend(named: name, entry)
                    config.backends.removeAll { $0.name == name }
                    config.backends.append(backend)
                }
            }
            config.backends.sort { $0.name < $1.name }
        }
        if config.backend(named: config.defaultBackend) == nil {
            problems.append(reader.error("default_backend \"\(config.defaultBackend)\" is not a configured backend (have: \(config.backends.map(\.name).joined(separator: ", "))); add a [backends.\(config.defaultBackend)] table with kind = \"textsynth\", \"booste\" or \"local\"", key: "default_backend"))
        }
        collect { () throws(ConfigError) in
            guard let engines = try reader.table(table, "engines") else { return }
            for id in engines.keys.sorted() {
                collect { () throws(ConfigError) in
                    guard let entry = engines[id]?.table else { throw reader.error("[engines.\(id)] must be a table", key: id) }
                    config.engines.append(try reader.engine(id: id, entry))
                }
            }
        }
        collect { () throws(ConfigError) in
            guard let parameters = try reader.table(table, "parameters") else { return }
            config.parameters = try reader.samplingParameters(parameters)
        }
        collect { () throws(ConfigError) in
            if let budget = try reader.table(table, "budget") { try reader.budget(budget, into: &config.budget) }
        }
        collect { () throws(ConfigError) in
            if let prices = try reader.table(table, "prices") { config.budget.prices = try reader.prices(prices) }
        }
        guard var first = problems.sorted(by: { ($0.line ?? .max) < ($1.line ?? .max) }).first else { return config }
        first.more = problems.sorted(by: { ($0.line ?? .max) < ($1.line ?? .max) }).dropFirst().map { $0 }
        throw first
    }

    /// The keys a config file's top level may have.
    static let topLevelKeys = ["backends", "budget", "default_backend", "default_engine", "engines", "graphics",
                               "image_directory", "log", "parameters", "prices", "theme"]

    /// Every engine this config knows: the catalogue's, then its own (which win by id).
    public var knownEngines: [Engine] {
        EngineCatalog.known.filter { known in !engines.contains { $0.id == known.id } } + engines
    }

    /// The key for `backend`: the environment variable first, then its key file, then a key written in the
    /// config (accepted only when the config file is private). Nil when none is set (fine for local servers).
    public func apiKey(for backend: BackendConfig,
                       environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError) -> APIKey? {
        if let variable = backend.keyVariable, let value = environment[variable], let key = APIKey(trimming: value) {
            return key
        }
        if let keyFile = backend.keyFile {
            return try SecretFile.readKey(at: ConfigPaths.expand(keyFile, environment: environment).path)
        }
        if let key = backend.inlineKey {
            if let file { try SecretFile.checkPrivate(file) }
            return key
        }
        return nil
    }
}
