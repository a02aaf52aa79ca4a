// The sampling controls of a TextSynth completion request, independent of any wire format:
// the server maps its request type onto this.

/// How the next token is chosen from the model's logits. Defaults are TextSynth's.
public struct SamplingOptions: Sendable, Equatable {
    /// Divides the logits; 0 (or below) means greedy: always the most likely token.
    public var temperature: Float
    /// Only the `topK` most likely tokens are candidates (TextSynth: 1...1000). 0 or less: no limit.
    public var topK: Int
    /// Nucleus: the fewest most-likely candidates whose probabilities sum to at least `topP`. 1 disables.
    public var topP: Float
    /// Locally typical sampling: candidates closest to the distribution's entropy, up to mass `typicalP`. 1 disables.
    public var typicalP: Float
    /// Subtracted once from the logit of every token already generated (OpenAI semantics).
    public var presencePenalty: Float
    /// Subtracted from a token's logit once per time it was already generated.
    public var frequencyPenalty: Float
    /// Tokens already present (prompt and generated): positive logits divided by it, negative ones multiplied.
    public var repetitionPenalty: Float
    /// Added to the logits of the given token ids; -100 or less bans the token outright.
    public var logitBias: [Int32: Float]
    /// Non-zero: reproducible choices for identical requests. Zero: fresh randomness every time.
    public var seed: UInt64

    public init(temperature: Float = 1, topK: Int = 40, topP: Float = 0.9, typicalP: Float = 1,
                presencePenalty: Float = 0, frequencyPenalty: Float = 0, repetitionPenalty: Float = 1,
                logitBias: [Int32: Float] = [:], seed: UInt64 = 0) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.typicalP = typicalP
        self.presencePenalty = presencePenalty
        self.frequencyPenalty = frequencyPenalty
        self.repetitionPenalty = repetitionPenalty
        self.logitBias = logitBias
        self.seed = seed
    }

    /// Always the most likely token.
    public static let greedy = SamplingOptions(temperature: 0, topK: 1, topP: 1)

    /// Whether the choice is the argmax, needing no randomness.
    public var isGreedy: Bool { temperature <= 0 || topK == 1 }

    /// Options for the `index`-th of n independent completions of one request: seed, seed+1, …
    /// A zero seed stays zero, so every completion draws its own fresh randomness.
    public func forCompletion(_ index: Int) -> SamplingOptions {
        var copy = self
        if seed != 0 { copy.seed = seed &+ UInt64(index) }
        return copy
    }
}
