import Foundation

// Per-token probabilities of a generated completion (asked for with `GenerationState(topLogprobs:)`).

/// One generated token: what it is, how likely the sampler and the model found it, and the sampler's best
/// alternatives at that position.
public struct TokenLogprobs: Sendable, Equatable {
    /// A token the sampler could have drawn instead (or the chosen one, when it is among the best).
    public struct Alternative: Sendable, Equatable {
        public let id: Int32
        public let bytes: [UInt8]
        /// log P(token) under the sampling distribution (see `TokenLogprobs.logprob`).
        public let logprob: Double
        /// The bytes as text; an incomplete UTF-8 sequence shows as U+FFFD.
        public var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    public let id: Int32
    /// The token's own bytes: part of a character when a token splits one (emoji, CJK); empty for control tokens.
    public let bytes: [UInt8]
    /// log P(token) under the distribution the sampler drew from: the logits after the repetition, presence
    /// and frequency penalties and the logit bias, cut to top-k, divided by the temperature and softmaxed, then
    /// cut by typical and nucleus (top-p) filtering and renormalised. Greedy decoding (temperature 0 or top-k 1)
    /// draws from a point mass: 0. When every token is banned the sampler falls back to the raw argmax, taken
    /// for certain: 0.
    public let logprob: Double
    /// log softmax of the model's raw logits at the token: what `/logprob` scores (no sampling adjustment).
    public let modelLogprob: Double
    /// The most probable tokens of the sampling distribution, at most the number asked for, most probable first
    /// (ties: lower id first), each id once; tokens the distribution excludes (probability 0) are never listed,
    /// so greedy decoding lists only the chosen token.
    public let alternatives: [Alternative]

    /// The bytes as text; an incomplete UTF-8 sequence shows as U+FFFD.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public init(id: Int32, bytes: [UInt8], logprob: Double, modelLogprob: Double, alternatives: [Alternative]) {
        self.id = id
        self.bytes = bytes
        self.logprob = logprob
        self.modelLogprob = modelLogprob
        self.alternatives = alternatives
    }

    /// The record of `token`, drawn from `distribution` (most probable first), given the raw `logits`.
    /// `bytes` gives a token's bytes as the completion's text shows them.
    public init(token: Int32, distribution: [SamplerCandidate], logits: UnsafeBufferPointer<Float>, top: Int,
                bytes: (Int32) -> [UInt8]) {
        let chosen = distribution.first { $0.id == token }
        var alternatives: [Alternative] = []
        for candidate in distribution where candidate.probability > 0 {
            if alternatives.count >= top { break }
            alternatives.append(Alternative(id: candidate.id, bytes: bytes(candidate.id), logprob: log(candidate.probability)))
        }
        self.init(id: token, bytes: bytes(token),
                  logprob: distribution.isEmpty ? 0 : log(chosen?.probability ?? 0),
                  modelLogprob: GenerationLogProbability.logProbability(of: token, in: logits),
                  alternatives: alternatives)
    }
}
