import Foundation

/// Building clients from the configuration, keys resolved (environment, key file, config).
extension SynthConfig {
    /// The engine to use with `backend`: its own, else the configured default, else GPT-J.
    public func engine(for backend: BackendConfig) -> String {
        backend.engine ?? defaultEngine ?? EngineCatalog.defaultCompletionEngine
    }

    /// A TextSynth-protocol client for a textsynth or local backend.
    public func textSynthClient(for backend: BackendConfig, options: TransportOptions = TransportOptions(),
                                environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigError) -> TextSynthClient {
        guard backend.kind != .booste else {
            throw ConfigError(file: file ?? "config", message: "backend \"\(backend.name)\" is a Booste backend, not TextSynth")
        }
        let key = try apiKey(for: backend, environment: environment)
        if key == nil, backend.kind == .textsynth, backend.url == TextSynthClient.cloudURL {
            throw ConfigError(file: file ?? "config", message:
                "no TextSynth API key: set TEXTSYNTH_API_KEY, or key_file in [backends.\(backend.name)] (a file with mode 0600)")
        }
        return TextSynthClient(baseURL: backend.url, apiKey: key, options: options)
    }

    /// A Booste client; the key is required and the machine id is created on first use.
    public func boosteClient(for backend: BackendConfig, options: TransportOptions = TransportOptions(),
                             poll: BoostePollPolicy = BoostePollPolicy(),
                             environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigError) -> BoosteClient {
        guard backend.kind == .booste else {
            throw ConfigError(file: file ?? "config", message: "backend \"\(backend.name)\" is not a Booste backend")
        }
        guard let key = try apiKey(for: backend, environment: environment) else {
            throw ConfigError(file: file ?? "config", message:
                "no Booste API key: set BOOSTE_API_KEY, or key_file in [backends.\(backend.name)] (a file with mode 0600)")
        }
        let machineID: String
        do {
            machineID = try MachineID.loadOrCreate(environment: environment)
        } catch {
            throw ConfigError(file: MachineID.file(environment: environment).path, message: "cannot keep the machine id: \(error)")
        }
        return BoosteClient(baseURL: backend.url, apiKey: key, machineID: machineID, options: options, poll: poll,
                            environment: environment)
    }

    /// An OpenAI-compatible client; a key is needed only by OpenAI's own cloud (a local llama-server takes none).
    public func openAIClient(for backend: BackendConfig, options: TransportOptions = TransportOptions(),
                             environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigError) -> OpenAIClient {
        guard backend.kind == .openai else {
            throw ConfigError(file: file ?? "config", message: "backend \"\(backend.name)\" is not an OpenAI-compatible backend")
        }
        let key = try apiKey(for: backend, environment: environment)
        if key == nil, backend.url.hasPrefix(OpenAIClient.cloudURL) {
            throw ConfigError(file: file ?? "config", message:
                "no OpenAI API key: set OPENAI_API_KEY, or key_file in [backends.\(backend.name)] (a file with mode 0600)")
        }
        return OpenAIClient(baseURL: backend.url, apiKey: key, options: options)
    }
}
