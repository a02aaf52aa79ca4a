import Foundation

/// synthpad's extension to completions and chat (asked for with `top_logprobs`): one generated token of an
/// answer's `tokens`. `logprob` is under the distribution the sampler drew from (after penalties, logit bias,
/// top-k, temperature, typical and top-p; 0 for greedy decoding), `model_logprob` under the model's raw
/// distribution (what `/logprob` scores), and `top_logprobs` the sampler's most probable tokens, best first.
/// End-of-generation tokens are not listed; the token that completes a stop string is (its text is cut from `text`).
public struct TokenLogprob: Sendable, Equatable, Codable {
    public struct Alternative: Sendable, Equatable, Codable {
        public var id: Int
        public var text: String
        public var logprob: Double
        public init(id: Int, text: String, logprob: Double) {
            self.id = id
            self.text = text
            self.logprob = logprob
        }
    }

    public var id: Int
    /// The bytes as text, for display: a token that ends inside a character shows U+FFFD; `bytes` are exact.
    public var text: String
    public var bytes: [UInt8]
    public var logprob: Double
    public var modelLogprob: Double
    public var topLogprobs: [Alternative]

    public init(id: Int, text: String, bytes: [UInt8], logprob: Double, modelLogprob: Double,
                topLogprobs: [Alternative]) {
        self.id = id
        self.text = text
        self.bytes = bytes
        self.logprob = logprob
        self.modelLogprob = modelLogprob
        self.topLogprobs = topLogprobs
    }

    enum CodingKeys: String, CodingKey {
        case id, text, bytes, logprob
        case modelLogprob = "model_logprob", topLogprobs = "top_logprobs"
    }
}

extension CompletionAnswer {
    /// Adds a later piece's per-token data, completion by completion (pieces without any leave it as it is).
    public mutating func appendTokens(_ more: [[TokenLogprob]]?) {
        guard let more else { return }
        var joined = tokens ?? []
        for (slot, list) in more.enumerated() {
            if slot < joined.count { joined[slot] += list } else { joined.append(list) }
        }
        tokens = joined
    }
}
