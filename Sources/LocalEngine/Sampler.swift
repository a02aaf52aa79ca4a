import Foundation

/// Chooses each next token from the model's logits under one request's `SamplingOptions`.
/// Keeps what the penalties need: which tokens are present (prompt and generated) and how often each
/// was generated. Call `accept(_:)` with every token actually appended to the sequence.
public struct Sampler: Sendable {
    public let options: SamplingOptions
    private var random: SamplerRandom
    /// Generated tokens and their counts (presence and frequency penalties).
    private var generatedCounts: [Int32: Int] = [:]
    /// Prompt and generated tokens (repetition penalty).
    private var presentTokens: Set<Int32>
    private var adjusted: [Float] = []

    public init(options: SamplingOptions, promptTokens: [Int32] = []) {
        self.options = options
        self.random = SamplerRandom(seed: options.seed)
        self.presentTokens = Set(promptTokens)
    }

    /// The seed in use (a fresh one when the options asked for seed 0).
    public var seed: UInt64 { random.seed }

    /// Records a token appended to the sequence.
    public mutating func accept(_ token: Int32) {
        generatedCounts[token, default: 0] += 1
        presentTokens.insert(token)
    }

    public mutating func sample(_ logits: [Float]) -> Int32 {
        logits.withUnsafeBufferPointer { sample($0) }
    }

    /// The next token. Does not record it: call `accept(_:)` once it is used.
    public mutating func sample(_ logits: UnsafeBufferPointer<Float>) -> Int32 {
        guard !logits.isEmpty else { return 0 }
        applyAdjustments(logits)
        return adjusted.withUnsafeBufferPointer { adjusted in
            if options.isGreedy { return Self.argmax(adjusted) ?? Self.argmax(logits) ?? 0 }
            let candidates = filteredCandidates(adjusted)
            guard !candidates.isEmpty else { return Self.argmax(logits) ?? 0 }
            return Self.draw(from: candidates, random: &random)
        }
    }

    /// The next token and the distribution it was drawn from: the same choice, from the same randomness, as
    /// `sample(_:)` — so asking for the distribution never changes the text. The distribution is the one after
    /// penalties, logit bias, top-k, temperature, typical and nucleus filtering, most probable first; greedy
    /// decoding draws from a point mass on the best token. Empty when every token is banned (the sampler then
    /// falls back to the raw argmax). Does not record the token: call `accept(_:)` once it is used.
    public mutating func sampleWithDistribution(_ logits: UnsafeBufferPointer<Float>)
        -> (token: Int32, distribution: [SamplerCandidate]) {
        guard !logits.isEmpty else { return (0, []) }
        applyAdjustments(logits)
        if options.isGreedy {
            let best = adjusted.withUnsafeBufferPointer { Self.argmax($0) }
            guard let best else { return (Self.argmax(logits) ?? 0, []) }
            return (best, [SamplerCandidate(id: best, logit: adjusted[Int(best)], probability: 1)])
        }
        let candidates = adjusted.withUnsafeBufferPointer { filteredCandidates($0) }
        guard !candidates.isEmpty else { return (Self.argmax(logits) ?? 0, []) }
        return (Self.draw(from: candidates, random: &random), candidates)
    }

    /// One draw from candidates whose probabilities sum to 1.
    private static func draw(from candidates: [SamplerCandidate], random: inout SamplerRandom) -> Int32 {
        var target = random.nextUnit()
        for candidate in candidates {
            target -= candidate.probability
            if target < 0 { return candidate.id }
        }
        return candidates.last { $0.probability > 0 }?.id ?? candidates[0].id
    }

    /// The distribution the next token would be drawn from, most probable first (greedy: the single
    /// best token). For inspection and tests; does not consume randomness.
    public mutating func candidates(_ logits: [Float]) -> [SamplerCandidate] {
        logits.withUnsafeBufferPointer { logits in
            applyAdjustments(logits)
            return adjusted.withUnsafeBufferPointer { adjusted in
                if options.isGreedy {
                    guard let best = Self.argmax(adjusted) else { return [] }
                    return [SamplerCandidate(id: best, logit: adjusted[Int(best)], probability: 1)]
                }
                return filteredCandidates(adjusted)
            }
        }
    }

    /// Top-k, temperature, typical and nucleus filtering of the adjusted logits.
    private func filteredCandidates(_ adjusted: UnsafeBufferPointer<Float>) -> [SamplerCandidate] {
        var ranked = SamplerCandidates.top(options.topK, of: adjusted)
        ranked.removeAll { $0.0 == -.infinity }  // banned tokens never come back
        var candidates = SamplerCandidates.withProbabilities(ranked, temperature: options.temperature)
        candidates = SamplerCandidates.typical(candidates, p: options.typicalP)
        return SamplerCandidates.nucleus(candidates, p: options.topP)
    }

    /// Copies the logits and applies the penalties and the logit bias.
    private mutating func applyAdjustments(_ logits: UnsafeBufferPointer<Float>) {
        let count = logits.count
        if adjusted.count != count { adjusted = [Float](repeating: 0, count: count) }
        adjusted.withUnsafeMutableBufferPointer { adjusted in
            for index in 0..<count {
                let value = logits[index]
                adjusted[index] = value.isNaN ? -.infinity : value
            }
            let repetition = options.repetitionPenalty
            if repetition != 1 && repetition > 0 {
                for token in presentTokens where token >= 0 && Int(token) < count {
                    let value = adjusted[Int(token)]
                    adjusted[Int(token)] = value > 0 ? value / repetition : value * repetition
                }
            }
            if options.presencePenalty != 0 || options.frequencyPenalty != 0 {
                for (token, uses) in generatedCounts where token >= 0 && Int(token) < count && uses > 0 {
                    adjusted[Int(token)] -= options.presencePenalty + options.frequencyPenalty * Float(uses)
                }
            }
            for (token, bias) in options.logitBias where token >= 0 && Int(token) < count {
                adjusted[Int(token)] = bias <= -100 ? -.infinity : adjusted[Int(token)] + bias
            }
        }
    }

    /// The id of the largest finite logit (lowest id on ties), or nil when there is none.
    static func argmax(_ logits: UnsafeBufferPointer<Float>) -> Int32? {
        var best = -Float.infinity
        var bestIndex = -1
        for index in 0..<logits.count where logits[index] > best {
            best = logits[index]
            bestIndex = index
        }
        return bestIndex >= 0 ? Int32(bestIndex) : nil
    }
}
