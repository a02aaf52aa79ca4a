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
    private var sampler: Sampler
    private var decoder = TokenTextDecoder()
    private var stopMatcher: StopMatcher

    /// - Parameters:
    ///   - promptTokens: the (already fitted) prompt; see `GenerationPromptFit`.
    ///   - maxTokens: generation budget; 0 finishes at once with "length".
    ///   - stopStrings: up to 5 strings that end the completion (excluded from the text).
    public init(tokenizer: Tokenizer, promptTokens: [Int32], options: SamplingOptions,
                maxTokens: Int, stopStrings: [String] = []) {
        self.tokenizer = tokenizer
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
        let token = sampler.sample(logits)
        sampler.accept(token)
        tokens.append(token)

        if tokenizer.endOfGenerationIDs.contains(token) {
            return finish(.stop, token: token, emitted: "")
        }
        // Control tokens other than the end markers carry no text.
        let decoded = tokenizer.isControl(token) ? "" : decoder.append(tokenizer.tokenBytes(token))
        let (emit, stopped) = stopMatcher.append(decoded)
        if stopped {
            return finish(.stop, token: token, emitted: emit)
        }
        if generatedCount >= maxTokens {
            return finish(.length, token: token, emitted: emit)
        }
        text += emit
        return GenerationStep(token: token, text: emit, finishReason: nil)
    }

    /// Ends the sequence from outside (e.g. the context is full): releases held-back text.
    public mutating func finishEarly(_ reason: GenerationFinishReason) -> String {
        guard finishReason == nil else { return "" }
        return finish(reason, token: tokens.last ?? 0, emitted: "").text
    }

    /// Releases whatever is held back (an unfinished character, a possible stop-string start) and ends.
    private mutating func finish(_ reason: GenerationFinishReason, token: Int32, emitted: String) -> GenerationStep {
        var output = emitted
        var finalReason = reason
        if !stopMatcher.isStopped {
            let (flushed, stopped) = stopMatcher.append(decoder.finish())
            output += flushed
            if stopped { finalReason = .stop } else { output += stopMatcher.finish() }
        }
        finishReason = finalReason
        text += output
        return GenerationStep(token: token, text: output, finishReason: finalReason)
    }
}
