// The OpenAI API's answers: whole completions and chat completions, their streamed chunks (`data: {…}` lines
// ending with `data: [DONE]`), the model list and the error object.
import Foundation

public struct OpenAIUsage: Sendable, Equatable, Codable {
    public var promptTokens: Int
    public var completionTokens: Int
    public var totalTokens: Int
    public init(promptTokens: Int, completionTokens: Int) {
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        totalTokens = promptTokens + completionTokens
    }
    enum CodingKeys: String, CodingKey {
        case promptTokens = "prompt_tokens", completionTokens = "completion_tokens", totalTokens = "total_tokens"
    }
}

/// `text_completion`: a whole answer, or (streamed) one chunk of it.
public struct OpenAICompletion: Sendable, Equatable, Codable {
    public struct Choice: Sendable, Equatable, Codable {
        public var text: String
        public var index: Int
        /// "stop" or "length"; nil in the chunks before a choice's last.
        public var finishReason: String?
        /// Asked for with `logprobs: N`: the tokens of `text` (of this chunk, when streamed).
        public var logprobs: OpenAICompletionLogprobs?
        public init(text: String, index: Int, finishReason: String?, logprobs: OpenAICompletionLogprobs? = nil) {
            self.text = text
            self.index = index
            self.finishReason = finishReason
            self.logprobs = logprobs
        }
        enum CodingKeys: String, CodingKey { case text, index, logprobs, finishReason = "finish_reason" }
    }
    public var id: String
    public var object = "text_completion"
    public var created: Int
    public var model: String
    public var choices: [Choice]
    public var usage: OpenAIUsage?

    public init(id: String, created: Int, model: String, choices: [Choice], usage: OpenAIUsage?) {
        self.id = id
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }
}

/// `chat.completion`, or streamed, `chat.completion.chunk` (its choices carry a `delta` instead of a `message`).
public struct OpenAIChatCompletion: Sendable, Equatable, Codable {
    public struct Message: Sendable, Equatable, Codable {
        public var role: String?
        public var content: String?
        public init(role: String?, content: String?) {
            self.role = role
            self.content = content
        }
    }
    public struct Choice: Sendable, Equatable, Codable {
        public var index: Int
        public var message: Message?
        public var delta: Message?
        public var finishReason: String?
        /// Asked for with `logprobs: true`: the tokens of the message (of this delta, when streamed).
        public var logprobs: OpenAIChatLogprobs?
        public init(index: Int, message: Message? = nil, delta: Message? = nil, finishReason: String?,
                    logprobs: OpenAIChatLogprobs? = nil) {
            self.index = index
            self.message = message
            self.delta = delta
            self.finishReason = finishReason
            self.logprobs = logprobs
        }
        enum CodingKeys: String, CodingKey { case index, message, delta, logprobs, finishReason = "finish_reason" }
    }
    public var id: String
    public var object: String
    public var created: Int
    public var model: String
    public var choices: [Choice]
    public var usage: OpenAIUsage?

    public init(id: String, object: String, created: Int, model: String, choices: [Choice], usage: OpenAIUsage?) {
        self.id = id
        self.object = object
        self.created = created
        self.model = model
        self.choices = choices
        self.usage = usage
    }
}

/// A completion choice's `logprobs` (the legacy completions shape): parallel lists, one entry per token.
public struct OpenAICompletionLogprobs: Sendable, Equatable, Codable {
    public var tokens: [String]
    public var tokenLogprobs: [Double]
    /// Per token, the most probable alternatives: text → logprob.
    public var topLogprobs: [[String: Double]]
    /// Where each token starts in the choice's text, in characters (Unicode scalars, as Python counts).
    public var textOffset: [Int]
    public init(tokens: [String], tokenLogprobs: [Double], topLogprobs: [[String: Double]], textOffset: [Int]) {
        self.tokens = tokens
        self.tokenLogprobs = tokenLogprobs
        self.topLogprobs = topLogprobs
        self.textOffset = textOffset
    }
    enum CodingKeys: String, CodingKey {
        case tokens, tokenLogprobs = "token_logprobs", topLogprobs = "top_logprobs", textOffset = "text_offset"
    }
}

/// A chat choice's `logprobs`: `{"content": [{token, logprob, bytes, top_logprobs}]}`.
public struct OpenAIChatLogprobs: Sendable, Equatable, Codable {
    public struct Alternative: Sendable, Equatable, Codable {
        public var token: String
        public var logprob: Double
        public var bytes: [UInt8]?
        public init(token: String, logprob: Double, bytes: [UInt8]?) {
            self.token = token
            self.logprob = logprob
            self.bytes = bytes
        }
    }
    public struct Token: Sendable, Equatable, Codable {
        public var token: String
        public var logprob: Double
        public var bytes: [UInt8]?
        public var topLogprobs: [Alternative]
        public init(token: String, logprob: Double, bytes: [UInt8]?, topLogprobs: [Alternative]) {
            self.token = token
            self.logprob = logprob
            self.bytes = bytes
            self.topLogprobs = topLogprobs
        }
        enum CodingKeys: String, CodingKey { case token, logprob, bytes, topLogprobs = "top_logprobs" }
    }
    public var content: [Token]?
    public init(content: [Token]?) { self.content = content }
}

/// `GET /v1/models`.
public struct OpenAIModelList: Sendable, Equatable, Codable {
    public struct Model: Sendable, Equatable, Codable {
        public var id: String
        public var object: String? = "model"
        public var created: Int?
        public var ownedBy: String?
        public init(id: String, created: Int, ownedBy: String) {
            self.id = id
            self.created = created
            self.ownedBy = ownedBy
        }
        enum CodingKeys: String, CodingKey { case id, object, created, ownedBy = "owned_by" }
    }
    public var object: String? = "list"
    public var data: [Model]
    public init(data: [Model]) { self.data = data }
}

/// `{"error": {"message", "type", "param", "code"}}`.
public struct OpenAIErrorBody: Sendable, Equatable, Codable {
    public struct Detail: Sendable, Equatable, Codable {
        public var message: String
        public var type: String
        public var param: String?
        public var code: String?
        public init(message: String, type: String, param: String? = nil, code: String? = nil) {
            self.message = message
            self.type = type
            self.param = param
            self.code = code
        }
    }
    public var error: Detail
    public init(_ error: Detail) { self.error = error }
}
