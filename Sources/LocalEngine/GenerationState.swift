// One completion being generated. The server drives many of these in a batch: for each model step it
// passes the sequence's logits to `advance(logits:)` and streams the text that comes back.

/// Why a completion ended (the API's `finish_reason`).
public enum GenerationFinishReason: String, Sendable, Equatable {
    /// A stop string or an end-of-generation token (EOS, <|im_end|>).
    case stop
    /// `max_tokens` (or the context length) reached.
    case length
}

/// What one generated token produced.
public struct GenerationStep: Sendable, Equatable {
    /// The token chosen; feed it to the model for the next step unless `finishReason` is set.
    public let token: Int32
    /// Text that is final and safe to send now (possibly empty while a character or stop string is pending).
    public let text: String
    /// Set on the last step.
    public let finishReason: GenerationFinishReason?
    /// The token's probabilities, when the state was asked for them; nil for an end-of-generation token, which
    /// adds no text.
    public let logprobs: TokenLogprobs?

    public init(token: Int32, text: String, finishReason: GenerationFinishReason?, logprobs: TokenLogprobs? = nil) {
        self.token = token
        self.text = text
        self.finishReason = finishReason
        self.logprobs = logprobs
    }
}

/// Per-sequence generation state: token history, sampler, stop strings, incremental UTF-8 decoding and limits.
public struct GenerationState: Sendable {
    public let tokenizer: Tokenizer
    public let maxTokens: Int
    /// Prompt followed by the generated tokens.
    public private(set) var tokens: [Int32]
    public let promptCount: Int
    public private(set) var finishReason: GenerationFinishReason?
    /// All text emitted so far (the completion's `text`).
    public private(set) var text: String = ""
    /// How many alternatives each step's `logprobs` lists (0…20); nil: no per-token probabilities (no extra work).
    public let topLogprobs: Int?
    private var sampler: Sampler
    private var decoder = TokenTextDecoder()
    private var stopMatcher: StopMatcher

    /// - Parameters:
    ///   - promptTokens: the (already fitted) prompt; see `GenerationPromptFit`.
    ///   - maxTokens: generation budget; 0 finishes at once with "length".
    ///   - stopStrings: up to 5 strings that end the completion (excluded from the text).
    ///   - topLogprobs: set, every step reports its token's `TokenLogprobs` with this many alternatives.
    public init(tokenizer: Tokenizer, promptTokens: [Int32], options: SamplingOptions,
                maxTokens: Int, stopStrings: [String] = [], topLogprobs: Int? = nil) {
        self.tokenizer = tokenizer
        self.topLogprobs = topLogprobs
        self.tokens = promptTokens
        self.promptCount = promptTokens.count
        self.maxTokens = max(maxTokens, 0)
        self.sampler = Sampler(options: options, promptTokens: promptTokens)
        self.stopMatcher = StopMatcher(stops: stopStrings)
        if self.maxTokens == 0 { finishReason = .length }
    }

    /// `n` independent completions of one prompt; completion i uses seed + i (seed 0: each its own random seed).
    public static func completions(_ n: Int, tokenizer: Tokenizer, promptTokens: [Int32], options: SamplingOptions,
                                   maxTokens: Int, stopStrings: [String] = []) -> [GenerationState] {
        (0..<max(n, 1)).map { index in
            GenerationState(tokenizer: tokenizer, promptTokens: promptTokens, options: options.forCompletion(index),
                            maxTokens: maxTokens, stopStrings: stopStrings)
        }
    }

    public var isFinished: Bool { finishReason != nil }
    public var generatedTokens: ArraySlice<Int32> { tokens[promptCount...] }
    /// Tokens generated so far, counting a final end-of-generation token (the API's `output_tokens`).
    public var generatedCount: Int { tokens.count - promptCount }
    /// The sampler's seed (a fresh one when the request's seed was 0).
    public var seed: UInt64 { sampler.seed }

    public mutating func advance(logits: [Float]) -> GenerationStep {
        logits.withUnsafeBufferPointer { advance(logits: $0) }
    }

    /// Chooses the next token from this sequence's logits and reports the text now safe to emit.
    /// Calling it after the end returns an empty step with the finish reason.
    public mutating func advance(logits: UnsafeBufferPointer<Float>) -> GenerationStep {
        if let finishReason { return GenerationStep(token: tokens.last ?? 0, text: "", finishReason: finishReason) }
        var distribution: [SamplerCandidate] = []
        let token: Int32
        if topLogprobs == nil {
            token = sampler.sample(logits)
        } else {
            let drawn = sampler.sampleWithDistribution(logits)
            token = drawn.token
            distribution = drawn.distribution
        }
        sampler.accept(token)
        tokens.append(token)

        if tokenizer.endOfGenerationIDs.contains(token) {
            return finish(.stop, token: token, emitted: "")
        }
        // Control tokens other than the end markers carry no text.
        let decoded = tokenizer.isControl(token) ? "" : decoder.append(tokenizer.tokenBytes(token))
        let logprobs = topLogprobs.map { top in
            TokenLogprobs(token: token, distribution: distribution, logits: logits, top: top,
                          bytes: Self.textBytes(tokenizer))
        }
        let (emit, stopped) = stopMatcher.append(decoded)
        if stopped {
            return finish(.stop, token: token, emitted: emit, logprobs: logprobs)
        }
        if generatedCount >= maxTokens {
            return finish(.length, token: token, emitted: emit, logprobs: logprobs)
        }
        text += emit
        return GenerationStep(token: token, text: emit, finishReason: nil, logprobs: logprobs)
    }

    /// Ends the sequence from outside (e.g. the context is full): releases held-back text.
    public mutating func finishEarly(_ reason: GenerationFinishReason) -> String {
        guard finishReason == nil else { return "" }
        return finish(reason, token: tokens.last ?? 0, emitted: "").text
    }

    /// Releases whatever is held back (an unfinished character, a possible stop-string start) and ends.
    private mutating func finish(_ reason: GenerationFinishReason, token: Int32, emitted: String,
                                 logprobs: TokenLogprobs? = nil) -> GenerationStep {
        var output = emitted
        var finalReason = reason
        if !stopMatcher.isStopped {
            let (flushed, stopped) = stopMatcher.append(decoder.finish())
            output += flushed
            if stopped { finalReason = .stop } else { output += stopMatcher.finish() }
        }
        finishReason = finalReason
        text += output
        return GenerationStep(token: token, text: output, finishReason: finalReason, logprobs: logprobs)
    }

    /// A token's bytes as the text shows them: none for a control token.
    private static func textBytes(_ tokenizer: Tokenizer) -> (Int32) -> [UInt8] {
        { tokenizer.isControl($0) ? [] : tokenizer.tokenBytes($0) }
    }
}
