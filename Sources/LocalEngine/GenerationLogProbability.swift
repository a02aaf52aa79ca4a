import Foundation

/// How likely the model finds a given continuation (the TextSynth `logprob` endpoint):
/// the sum of the log-probabilities of its tokens, and whether greedy decoding would produce it.
public struct GenerationLogProbability: Sendable, Equatable {
    /// Sum of log-probabilities of the continuation's tokens (always <= 0).
    public var logprob: Double
    /// Whether every continuation token is the most likely one at its position.
    public var isGreedy: Bool
    public var tokenCount: Int

    public init(logprob: Double = 0, isGreedy: Bool = true, tokenCount: Int = 0) {
        self.logprob = logprob
        self.isGreedy = isGreedy
        self.tokenCount = tokenCount
    }

    /// Adds one continuation token, given the logits the model produced just before it.
    public mutating func add(token: Int32, logits: UnsafeBufferPointer<Float>) {
        logprob += Self.logProbability(of: token, in: logits)
        isGreedy = isGreedy && Sampler.argmax(logits) == token
        tokenCount += 1
    }

    public mutating func add(token: Int32, logits: [Float]) {
        logits.withUnsafeBufferPointer { add(token: token, logits: $0) }
    }

    /// Scores a continuation: `logitRows[i]` are the logits at the position just before `continuation[i]`.
    public init(continuation: [Int32], logitRows: [[Float]]) {
        self.init()
        for (token, logits) in zip(continuation, logitRows) { add(token: token, logits: logits) }
    }

    /// log softmax(logits)[token], computed stably in double precision; -inf for an id outside the logits.
    public static func logProbability(of token: Int32, in logits: UnsafeBufferPointer<Float>) -> Double {
        guard token >= 0, Int(token) < logits.count else { return -.infinity }
        var largest = -Float.infinity
        for value in logits where value > largest { largest = value }
        guard largest.isFinite else { return -.infinity }
        var sum = 0.0
        for value in logits { sum += exp(Double(value - largest)) }
        return Double(logits[Int(token)] - largest) - log(sum)
    }
}
