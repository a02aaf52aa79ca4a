import Foundation

// The history's record of one run lives here, beside the wire types, so the UI can show runs without the database.

/// One request as it was sent and answered, as the history keeps it. Never carries a key: the store also
/// scrubs the secrets it is given from every text before writing (an error message may quote a header).
public struct LoggedRun: Sendable, Equatable, Codable {
    public var id: Int64?
    public var time: Date
    /// The screen (playground, compare, translate, chat) or command (complete, chat, translate, gpt2) that sent it.
    public var source: String
    public var backend: String
    /// Scheme, host, port and path only: user info and query strings are dropped (they can hold credentials).
    public var baseURL: String
    public var engine: String
    /// completion, chat, translate or gpt2.
    public var kind: String
    /// The prompt; for a chat, the messages one per line (what full-text search reads); for translate, the texts.
    public var prompt: String
    /// A chat's messages, oldest first (nil for other kinds).
    public var messages: [String]?
    public var system: String?
    /// Every parameter sent, as JSON.
    public var parameters: String
    /// Every answer (all `n` of them; a translation per text).
    public var answers: [String]
    public var finishReason: String?
    public var inputTokens: Int?
    public var outputTokens: Int?
    /// Seconds from sending to the first text, and to the end.
    public var timeToFirstToken: Double?
    public var totalTime: Double?
    /// What the run cost, in the API's units (1e-9 credit; positive = spent), where the backend reports a balance.
    public var credits: Int?
    public var error: String?
    /// Marked by the user on the history screen.
    public var starred: Bool

    public init(time: Date = Date(), source: String, backend: String, baseURL: String, engine: String, kind: String,
                prompt: String, messages: [String]? = nil, system: String? = nil, parameters: String = "{}",
                answers: [String] = [], finishReason: String? = nil, inputTokens: Int? = nil,
                outputTokens: Int? = nil, timeToFirstToken: Double? = nil, totalTime: Double? = nil,
                credits: Int? = nil, error: String? = nil, starred: Bool = false) {
        self.time = time
        self.source = source
        self.backend = backend
        self.baseURL = Self.withoutCredentials(baseURL)
        self.engine = engine
        self.kind = kind
        self.prompt = prompt
        self.messages = messages
        self.system = system
        self.parameters = parameters
        self.answers = answers
        self.finishReason = finishReason
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.timeToFirstToken = timeToFirstToken
        self.totalTime = totalTime
        self.credits = credits
        self.error = error
        self.starred = starred
    }

    /// Any Encodable parameter set as the JSON kept in `parameters` (keys sorted, so equal sets read alike).
    public static func json(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    public static func withoutCredentials(_ url: String) -> String {
        guard var parts = URLComponents(string: url), parts.host != nil else { return url }
        parts.user = nil
        parts.password = nil
        parts.query = nil
        parts.fragment = nil
        return parts.string ?? url
    }

    /// Every secret replaced by `[key]` in every text the run holds.
    public func scrubbing(_ secrets: [String]) -> LoggedRun {
        let secrets = secrets.filter { !$0.isEmpty }
        guard !secrets.isEmpty else { return self }
        func scrub(_ text: String) -> String {
            secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "[key]") }
        }
        var run = self
        run.source = scrub(source)
        run.backend = scrub(backend)
        run.baseURL = scrub(baseURL)
        run.engine = scrub(engine)
        run.prompt = scrub(prompt)
        run.messages = messages?.map(scrub)
        run.system = system.map(scrub)
        run.parameters = scrub(parameters)
        run.answers = answers.map(scrub)
        run.finishReason = finishReason.map(scrub)
        run.error = error.map(scrub)
        return run
    }
}
