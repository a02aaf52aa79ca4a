import Foundation

/// `POST /v1/engines/{engine}/completions`: `{"prompt": …, "stream": …, "max_tokens": …, …}`.
public struct CompletionRequest: Sendable, Equatable, Codable, Validatable {
    public var prompt: String
    public var parameters: SamplingParameters
    public var stream: Bool

    public init(prompt: String, parameters: SamplingParameters = .defaults, stream: Bool = false) {
        self.prompt = prompt
        self.parameters = parameters
        self.stream = stream
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        // The prompt may be an array of strings on some servers (unconfirmed): joined, nothing lost.
        prompt = try c.stringOrArray("prompt")?.joined() ?? { throw DecodingError.keyNotFound(
            WireKey("prompt"), .init(codingPath: c.codingPath, debugDescription: "prompt is required")) }()
        parameters = try SamplingParameters(wire: c)
        stream = try c.value("stream", default: false)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: WireKey.self)
        try c.put("prompt", prompt)
        try c.put("stream", stream)
        try parameters.encode(into: &c)
    }

    public func validate() throws(ValidationError) {
        if prompt.isEmpty {
            throw ValidationError(field: "prompt", value: "\"\"", allowed: "a non-empty text", problem: "is empty")
        }
        try parameters.validate()
    }
}

/// `POST /v1/engines/{engine}/chat`: alternating user/assistant turns ending with the user's, an optional
/// system prompt, and the completion's sampling parameters. The answer has the completion's shape.
public struct ChatRequest: Sendable, Equatable, Codable, Validatable {
    public var messages: [String]
    public var system: String?
    public var parameters: SamplingParameters
    public var stream: Bool

    public init(messages: [String], system: String? = nil, parameters: SamplingParameters = .defaults,
                stream: Bool = false) {
        self.messages = messages
        self.system = system
        self.parameters = parameters
        self.stream = stream
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        messages = try c.required("messages")
        system = try c.decodeIfPresent(String.self, forKey: "system")
        parameters = try SamplingParameters(wire: c)
        stream = try c.value("stream", default: false)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: WireKey.self)
        try c.put("messages", messages)
        try c.putIfPresent("system", system)
        try c.put("stream", stream)
        try parameters.encode(into: &c)
    }

    public func validate() throws(ValidationError) {
        if messages.isEmpty {
            throw ValidationError(field: "messages", value: "[]", allowed: "at least the user's message",
                                  problem: "is empty")
        }
        if messages.count % 2 == 0 {
            throw ValidationError(field: "messages", value: "\(messages.count) turns",
                                  allowed: "an odd count: alternating user/assistant, ending with the user's",
                                  problem: "does not end with the user's turn")
        }
        if messages.last?.isEmpty == true {
            throw ValidationError(field: "messages[\(messages.count - 1)]", value: "\"\"",
                                  allowed: "the user's message, not empty", problem: "is empty")
        }
        try parameters.validate()
    }
}
