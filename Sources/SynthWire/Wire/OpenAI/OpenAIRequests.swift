// The OpenAI API's completion and chat requests (`POST /v1/completions`, `POST /v1/chat/completions`), as
// llama.cpp's server, vLLM, Ollama and OpenAI take them; `top_k`, `typical_p` and `repetition_penalty` are the
// extra fields llama.cpp and vLLM accept. Field names are the API's snake_case.
import Foundation

/// A string or a list of strings: `prompt` and `stop` take either.
public struct OpenAIStrings: Sendable, Equatable, Codable {
    public var values: [String]
    public init(_ values: [String]) { self.values = values }

    public init(from decoder: Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let one = try? single.decode(String.self) { values = [one]; return }
        values = try single.decode([String].self)
    }

    public func encode(to encoder: Encoder) throws {
        var single = encoder.singleValueContainer()
        if values.count == 1 { try single.encode(values[0]) } else { try single.encode(values) }
    }
}

/// Asks for the token counts in a last streamed chunk.
public struct OpenAIStreamOptions: Sendable, Equatable, Codable {
    public var includeUsage: Bool?
    public init(includeUsage: Bool?) { self.includeUsage = includeUsage }
    enum CodingKeys: String, CodingKey { case includeUsage = "include_usage" }
}

/// What completions and chat share: sampling, stopping, streaming.
public struct OpenAISampling: Sendable, Equatable {
    public var maxTokens: Int?
    public var temperature: Double?
    public var topP: Double?
    public var n: Int?
    public var stream: Bool?
    public var stop: OpenAIStrings?
    public var seed: Int?
    public var presencePenalty: Double?
    public var frequencyPenalty: Double?
    /// Token id (as a string, JSON object keys being strings) → bias in -100…100.
    public var logitBias: [String: Double]?
    public var streamOptions: OpenAIStreamOptions?
    // llama.cpp's and vLLM's extra sampling fields.
    public var topK: Int?
    public var typicalP: Double?
    public var repetitionPenalty: Double?

    public init() {}

    enum Keys: String, CodingKey, CaseIterable {
        case maxTokens = "max_tokens", temperature, topP = "top_p", n, stream, stop, seed
        case presencePenalty = "presence_penalty", frequencyPenalty = "frequency_penalty", logitBias = "logit_bias"
        case streamOptions = "stream_options", topK = "top_k", typicalP = "typical_p"
        case repetitionPenalty = "repetition_penalty"
    }

    init(from c: KeyedDecodingContainer<Keys>) throws {
        maxTokens = try c.decodeIfPresent(Int.self, forKey: .maxTokens)
        temperature = try c.decodeIfPresent(Double.self, forKey: .temperature)
        topP = try c.decodeIfPresent(Double.self, forKey: .topP)
        n = try c.decodeIfPresent(Int.self, forKey: .n)
        stream = try c.decodeIfPresent(Bool.self, forKey: .stream)
        stop = try c.decodeIfPresent(OpenAIStrings.self, forKey: .stop)
        seed = try c.decodeIfPresent(Int.self, forKey: .seed)
        presencePenalty = try c.decodeIfPresent(Double.self, forKey: .presencePenalty)
        frequencyPenalty = try c.decodeIfPresent(Double.self, forKey: .frequencyPenalty)
        logitBias = try c.decodeIfPresent([String: Double].self, forKey: .logitBias)
        streamOptions = try c.decodeIfPresent(OpenAIStreamOptions.self, forKey: .streamOptions)
        topK = try c.decodeIfPresent(Int.self, forKey: .topK)
        typicalP = try c.decodeIfPresent(Double.self, forKey: .typicalP)
        repetitionPenalty = try c.decodeIfPresent(Double.self, forKey: .repetitionPenalty)
    }

    func encode(to c: inout KeyedEncodingContainer<Keys>) throws {
        try c.encodeIfPresent(maxTokens, forKey: .maxTokens)
        try c.encodeIfPresent(temperature, forKey: .temperature)
        try c.encodeIfPresent(topP, forKey: .topP)
        try c.encodeIfPresent(n, forKey: .n)
        try c.encodeIfPresent(stream, forKey: .stream)
        try c.encodeIfPresent(stop, forKey: .stop)
        try c.encodeIfPresent(seed, forKey: .seed)
        try c.encodeIfPresent(presencePenalty, forKey: .presencePenalty)
        try c.encodeIfPresent(frequencyPenalty, forKey: .frequencyPenalty)
        try c.encodeIfPresent(logitBias, forKey: .logitBias)
        try c.encodeIfPresent(streamOptions, forKey: .streamOptions)
        try c.encodeIfPresent(topK, forKey: .topK)
        try c.encodeIfPresent(typicalP, forKey: .typicalP)
        try c.encodeIfPresent(repetitionPenalty, forKey: .repetitionPenalty)
    }

    /// OpenAI has no top_k: the widest the range allows stands for "off".
    static let noTopK: Int = {
        if case .inclusive(let most) = ParameterSpec.topK.upper { return Int(most) }
        return 1000
    }()

    /// The same settings as synthpad's parameters, checked against the documented ranges. Fields left out take
    /// OpenAI's defaults (temperature 1, top_p 1, no top_k, `defaultMaxTokens`), not TextSynth's.
    public func samplingParameters(defaultMaxTokens: Int) throws(ValidationError) -> SamplingParameters {
        var p = SamplingParameters(maxTokens: maxTokens ?? defaultMaxTokens, temperature: temperature ?? 1,
                                   topK: topK ?? Self.noTopK, topP: topP ?? 1,
                                   typicalP: typicalP ?? 1, presencePenalty: presencePenalty ?? 0,
                                   frequencyPenalty: frequencyPenalty ?? 0, repetitionPenalty: repetitionPenalty ?? 1,
                                   n: n ?? 1, seed: seed ?? 0, stop: stop?.values ?? [])
        for (key, bias) in logitBias ?? [:] {
            guard let token = Int(key), token >= 0 else {
                throw ValidationError(field: "logit_bias", value: "\"\(key)\"", allowed: "token ids (whole numbers ≥ 0)",
                                      problem: "is not a token id")
            }
            p.logitBias[token] = bias
        }
        try p.validate()
        return p
    }
}

/// `POST /v1/completions`.
public struct OpenAICompletionRequest: Sendable, Equatable, Codable {
    public var model: String
    public var prompt: OpenAIStrings
    public var sampling: OpenAISampling
    /// Per-token log-probabilities with this many alternatives each (OpenAI: 0…5; synthpad allows 0…20).
    public var logprobs: Int?
    public var echo: Bool?
    public var suffix: String?
    public var user: String?

    public init(model: String, prompt: String, sampling: OpenAISampling = OpenAISampling()) {
        self.model = model
        self.prompt = OpenAIStrings([prompt])
        self.sampling = sampling
    }

    enum Keys: String, CodingKey { case model, prompt, logprobs, echo, suffix, user }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        model = try c.decode(String.self, forKey: .model)
        prompt = try c.decode(OpenAIStrings.self, forKey: .prompt)
        logprobs = try c.decodeIfPresent(Int.self, forKey: .logprobs)
        echo = try c.decodeIfPresent(Bool.self, forKey: .echo)
        suffix = try c.decodeIfPresent(String.self, forKey: .suffix)
        user = try c.decodeIfPresent(String.self, forKey: .user)
        sampling = try OpenAISampling(from: decoder.container(keyedBy: OpenAISampling.Keys.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(model, forKey: .model)
        try c.encode(prompt, forKey: .prompt)
        try c.encodeIfPresent(logprobs, forKey: .logprobs)
        try c.encodeIfPresent(echo, forKey: .echo)
        try c.encodeIfPresent(suffix, forKey: .suffix)
        try c.encodeIfPresent(user, forKey: .user)
        var s = encoder.container(keyedBy: OpenAISampling.Keys.self)
        try sampling.encode(to: &s)
    }
}

/// One chat message; `content` may also arrive as a list of parts, of which the text parts are kept.
public struct OpenAIChatMessage: Sendable, Equatable, Codable {
    public var role: String
    public var content: String

    public init(role: String, content: String) {
        self.role = role
        self.content = content
    }

    struct Part: Decodable { var type: String; var text: String? }
    enum Keys: String, CodingKey { case role, content }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        role = try c.decode(String.self, forKey: .role)
        if let text = try? c.decodeIfPresent(String.self, forKey: .content) {
            content = text
        } else if let parts = try? c.decode([Part].self, forKey: .content) {
            guard parts.allSatisfy({ $0.type == "text" }) else {
                throw DecodingError.dataCorruptedError(forKey: .content, in: c,
                                                       debugDescription: "only text parts are supported")
            }
            content = parts.compactMap(\.text).joined()
        } else {
            content = ""  // an assistant message may carry no content
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(role, forKey: .role)
        try c.encode(content, forKey: .content)
    }
}

/// `POST /v1/chat/completions`.
public struct OpenAIChatRequest: Sendable, Equatable, Codable {
    public var model: String
    public var messages: [OpenAIChatMessage]
    public var sampling: OpenAISampling
    /// The newer name of `max_tokens` for chat.
    public var maxCompletionTokens: Int?
    public var logprobs: Bool?
    public var topLogprobs: Int?
    public var user: String?

    public init(model: String, messages: [OpenAIChatMessage], sampling: OpenAISampling = OpenAISampling()) {
        self.model = model
        self.messages = messages
        self.sampling = sampling
    }

    enum Keys: String, CodingKey {
        case model, messages, logprobs, user
        case maxCompletionTokens = "max_completion_tokens", topLogprobs = "top_logprobs"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        model = try c.decode(String.self, forKey: .model)
        messages = try c.decode([OpenAIChatMessage].self, forKey: .messages)
        maxCompletionTokens = try c.decodeIfPresent(Int.self, forKey: .maxCompletionTokens)
        logprobs = try c.decodeIfPresent(Bool.self, forKey: .logprobs)
        topLogprobs = try c.decodeIfPresent(Int.self, forKey: .topLogprobs)
        user = try c.decodeIfPresent(String.self, forKey: .user)
        sampling = try OpenAISampling(from: decoder.container(keyedBy: OpenAISampling.Keys.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(model, forKey: .model)
        try c.encode(messages, forKey: .messages)
        try c.encodeIfPresent(maxCompletionTokens, forKey: .maxCompletionTokens)
        try c.encodeIfPresent(logprobs, forKey: .logprobs)
        try c.encodeIfPresent(topLogprobs, forKey: .topLogprobs)
        try c.encodeIfPresent(user, forKey: .user)
        var s = encoder.container(keyedBy: OpenAISampling.Keys.self)
        try sampling.encode(to: &s)
    }
}
