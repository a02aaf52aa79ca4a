/// `GET /v1/engines`: the engines a server has. Not part of TextSynth's documented API (the cloud has no such
/// endpoint; use `EngineCatalog`); synthpad's local server answers it, and so may other self-hosted servers.
public struct EngineListAnswer: Sendable, Equatable, Codable {
    public struct ListedEngine: Sendable, Equatable, Codable {
        public var id: String
        /// "completion", "translation", "image".
        public var kind: String?
        public var contextLength: Int?
        /// Endpoints it serves: "completions", "chat", "logprob", "tokenize", "translate", …
        public var capabilities: [String]?
        /// For translation engines: "en-es", … (source-target).
        public var languagePairs: [String]?
        public var aliases: [String]?
        /// What one input or output token costs, in the unit of `/v1/credits` (credits × 1e9); nil when not said.
        public var creditsPerToken: Double?

        public init(id: String, kind: String? = nil, contextLength: Int? = nil, capabilities: [String]? = nil,
                    languagePairs: [String]? = nil, aliases: [String]? = nil, creditsPerToken: Double? = nil) {
            self.id = id
            self.kind = kind
            self.contextLength = contextLength
            self.capabilities = capabilities
            self.languagePairs = languagePairs
            self.aliases = aliases
            self.creditsPerToken = creditsPerToken
        }

        enum CodingKeys: String, CodingKey {
            case id, kind, capabilities, aliases
            case contextLength = "context_length"
            case languagePairs = "language_pairs"
            case creditsPerToken = "credits_per_token"
        }
    }

    public var engines: [ListedEngine]

    public init(engines: [ListedEngine]) { self.engines = engines }
}
