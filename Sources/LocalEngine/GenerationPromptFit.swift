// Fitting a prompt and its generation budget into the model's context window
// (TextSynth: "If the prompt length is larger than the model's maximum context length,
// the beginning of the prompt is discarded.")

/// The part of a prompt that is kept and how many tokens may then be generated.
public struct GenerationPromptFit: Sendable, Equatable {
    /// The prompt tokens to evaluate: the end of the original prompt.
    public let promptTokens: [Int32]
    /// Whether the beginning of the prompt was dropped (the API's `truncated_prompt`).
    public let truncatedPrompt: Bool
    /// How many tokens may be generated: `maxTokens`, or less when the context is too short.
    public let maxNewTokens: Int

    /// Drops the beginning of `prompt` so that prompt + `maxTokens` fits in `contextLength`. When
    /// `maxTokens` alone fills the context, keeps as much prompt as fits (leaving room for one
    /// generated token) and shortens the generation to what remains.
    public init(prompt: [Int32], contextLength: Int, maxTokens: Int) {
        let context = max(contextLength, 1)
        let budget = max(maxTokens, 0)
        let keep: Int
        if budget < context {
            keep = min(prompt.count, context - budget)
        } else {
            keep = min(prompt.count, context - 1)
        }
        self.promptTokens = Array(prompt.suffix(keep))
        self.truncatedPrompt = keep < prompt.count
        self.maxNewTokens = min(budget, context - keep)
    }
}
