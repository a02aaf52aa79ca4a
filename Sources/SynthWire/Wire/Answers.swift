import Foundation

/// The answer of completions and chat, whole or one streamed piece. `text` holds one string per
/// completion (the wire sends a bare string when n = 1, an array when n > 1).
public struct CompletionAnswer: Sendable, Equatable, Codable {
    public var text: [String]
    /// True on the last answer of a stream (and on a whole answer).
    public var reachedEnd: Bool
    public var truncatedPrompt: Bool
    public var inputTokens: Int?
    public var outputTokens: Int?
    /// Why generation stopped, e.g. "stop" or "length" (values unconfirmed).
    public var finishReason: String?
    /// synthpad's extension (`top_logprobs` asked): the tokens behind `text`, one list per completion; on the
    /// wire a bare list when n = 1, a list of lists when n > 1, as `text`.
    public var tokens: [[TokenLogprob]]?

    public init(text: [String], reachedEnd: Bool = true, truncatedPrompt: Bool = false, inputTokens: Int? = nil,
                outputTokens: Int? = nil, finishReason: String? = nil, tokens: [[TokenLogprob]]? = nil) {
        self.text = text
        self.reachedEnd = reachedEnd
        self.truncatedPrompt = truncatedPrompt
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.finishReason = finishReason
        self.tokens = tokens
    }

    /// The first (usually only) completion.
    public var firstText: String { text.first ?? "" }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        guard let text = try c.stringOrArray("text") else {
            throw DecodingError.keyNotFound(WireKey("text"), .init(codingPath: c.codingPath, debugDescription: "text is required"))
        }
        self.text = text
        reachedEnd = try c.value("reached_end", default: false)
        truncatedPrompt = try c.value("truncated_prompt", default: false)
        inputTokens = try c.decodeIfPresent(Int.self, forKey: "input_tokens")
        outputTokens = try c.decodeIfPresent(Int.self, forKey: "output_tokens")
        finishReason = try c.decodeIfPresent(String.self, forKey: "finish_reason")
        if text.count == 1 {
            tokens = try c.decodeIfPresent([TokenLogprob].self, forKey: "tokens").map { [$0] }
        } else {
            tokens = try c.decodeIfPresent([[TokenLogprob]].self, forKey: "tokens")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: WireKey.self)
        if text.count == 1 { try c.put("text", text[0]) } else { try c.put("text", text) }
        try c.put("reached_end", reachedEnd)
        if truncatedPrompt { try c.put("truncated_prompt", truncatedPrompt) }
        try c.putIfPresent("input_tokens", inputTokens)
        try c.putIfPresent("output_tokens", outputTokens)
        try c.putIfPresent("finish_reason", finishReason)
        if let tokens {
            if tokens.count == 1 { try c.put("tokens", tokens[0]) } else { try c.put("tokens", tokens) }
        }
    }
}

/// The answer of translate: one translation per input text, in order.
public struct TranslateAnswer: Sendable, Equatable, Codable {
    public struct Translation: Sendable, Equatable, Codable {
        public var text: String
        /// Equals the request's source_lang unless it was "auto".
        public var detectedSourceLang: String

        public init(text: String, detectedSourceLang: String) {
            self.text = text
            self.detectedSourceLang = detectedSourceLang
        }

        enum CodingKeys: String, CodingKey {
            case text
            case detectedSourceLang = "detected_source_lang"
        }
    }

    public var translations: [Translation]
    public var inputTokens: Int?
    public var outputTokens: Int?

    public init(translations: [Translation], inputTokens: Int? = nil, outputTokens: Int? = nil) {
        self.translations = translations
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }

    enum CodingKeys: String, CodingKey {
        case translations
        case inputTokens = "input_tokens"
        case outputTokens = "output_tokens"
    }
}

/// The answer of logprob.
public struct LogprobAnswer: Sendable, Equatable, Codable {
    /// Sum of the log probabilities of the continuation's tokens; always ≤ 0.
    public var logprob: Double
    public var numTokens: Int?
    public var isGreedy: Bool
    public var inputTokens: Int?

    public init(logprob: Double, numTokens: Int? = nil, isGreedy: Bool, inputTokens: Int? = nil) {
        self.logprob = logprob
        self.numTokens = numTokens
        self.isGreedy = isGreedy
        self.inputTokens = inputTokens
    }

    enum CodingKeys: String, CodingKey {
        case logprob
        case numTokens = "num_tokens"
        case isGreedy = "is_greedy"
        case inputTokens = "input_tokens"
    }
}

/// The answer of tokenize; `tokenContent` (each token's bytes) only when asked for with base64.
public struct TokenizeAnswer: Sendable, Equatable, Codable {
    public var tokens: [Int]
    public var tokenContent: [Data]?

    public init(tokens: [Int], tokenContent: [Data]? = nil) {
        self.tokens = tokens
        self.tokenContent = tokenContent
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        tokens = try c.required("tokens")
        if let encoded = try c.decodeIfPresent([String].self, forKey: "token_content") {
            tokenContent = try encoded.map { base64 in
                guard let bytes = Data(base64Encoded: base64) else {
                    throw DecodingError.dataCorruptedError(forKey: "token_content", in: c,
                                                           debugDescription: "token_content is not base64")
                }
                return bytes
            }
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: WireKey.self)
        try c.put("tokens", tokens)
        try c.putIfPresent("token_content", tokenContent?.map { $0.base64EncodedString() })
    }
}

/// The answer of text_to_image: JPEG bytes, decoded from base64.
public struct ImageAnswer: Sendable, Equatable, Codable {
    public var images: [Data]

    public init(images: [Data]) { self.images = images }

    private struct Image: Codable { var data: String }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: WireKey.self)
        let wire: [Image] = try c.required("images")
        images = try wire.map { image in
            guard let bytes = Data(base64Encoded: image.data) else {
                throw DecodingError.dataCorruptedError(forKey: "images", in: c, debugDescription: "image data is not base64")
            }
            return bytes
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: WireKey.self)
        try c.put("images", images.map { Image(data: $0.base64EncodedString()) })
    }
}

/// The answer of `GET /v1/credits`: remaining credits × 1e9 (unit unconfirmed).
public struct CreditsAnswer: Sendable, Equatable, Codable {
    public var credits: Int64

    public init(credits: Int64) { self.credits = credits }

    /// The balance as shown to people.
    public var balance: Double { Double(credits) / 1e9 }
}

/// The body of a TextSynth error answer: `{"error": "message", "status": N}`.
public struct ErrorAnswer: Sendable, Equatable, Codable {
    public var error: String
    public var status: Int?

    public init(error: String, status: Int? = nil) {
        self.error = error
        self.status = status
    }
}
