// Everything that can happen to the playground: input, time, and answers from the API.
import SynthKit

/// Why text was sent to the tokenizer; the answer comes back with the same purpose.
public enum TokenizePurpose: Sendable, Hashable {
    /// Counting the prompt's tokens; `revision` tells a stale answer from the current one.
    case promptLength(revision: Int)
    /// Finding the token ids of a word for the logit-bias editor.
    case biasWord(String)
    /// The same, for the chat screen's parameters.
    case chatBiasWord(String)
}

/// Figures about a finished completion, measured by the runtime.
public struct CompletionStats: Sendable, Equatable, Codable {
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var truncatedPrompt: Bool
    public var finishReason: String?
    /// Seconds from sending the request to the first streamed text.
    public var timeToFirstToken: Double?
    /// Seconds from sending the request to the end.
    public var totalTime: Double?

    public init(inputTokens: Int? = nil, outputTokens: Int? = nil, truncatedPrompt: Bool = false,
                finishReason: String? = nil, timeToFirstToken: Double? = nil, totalTime: Double? = nil) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
        self.truncatedPrompt = truncatedPrompt
        self.finishReason = finishReason
        self.timeToFirstToken = timeToFirstToken
        self.totalTime = totalTime
    }

    /// A rate over fewer tokens or a shorter time than these is noise (3 tokens in 0.2 ms read 17,000 tok/s).
    public static let rateMinimumTokens = 4
    public static let rateMinimumSeconds = 0.25

    /// Output tokens per second while generating (after the first token); nil when too little was generated
    /// over too short a time for the figure to mean anything.
    public var tokensPerSecond: Double? {
        guard let out = outputTokens, out >= Self.rateMinimumTokens, let total = totalTime else { return nil }
        let generating = total - (timeToFirstToken ?? 0)
        return generating >= Self.rateMinimumSeconds ? Double(out) / generating : nil
    }
}

/// An input to `update`. The runtime posts API events with the key of the request they answer (see `RequestKey`);
/// events of a request that is no longer current (cancelled, replaced, its screen closed) are dropped.
public enum Event: Sendable, Equatable {
    case key(KeyPress)
    /// Bracketed paste: the whole pasted text at once.
    case paste(String)
    case mouse(MouseEvent)
    case resize(columns: Int, rows: Int)
    /// Time passes (seconds on a monotonic clock). Sent when a `scheduleTick` comes due; sending more is harmless.
    case tick(now: Double)

    case tokenized(TokenizePurpose, tokens: [Int])
    case tokenizeFailed(TokenizePurpose, message: String)
    /// Text appended to completion number `index` (0-based; n > 1 streams several).
    case streamChunk(request: RequestKey, index: Int, text: String)
    /// The same, with the tokens behind the text (per-token probabilities, asked with `top_logprobs`).
    case streamTokens(request: RequestKey, index: Int, text: String, tokens: [TokenLogprob])
    /// What `/logprob` said of a continuation (`Effect.scoreContinuation`).
    case continuationScored(request: RequestKey, answer: LogprobAnswer)
    case streamFinished(request: RequestKey, stats: CompletionStats)
    case requestFailed(request: RequestKey, message: String, status: Int?)
    /// Nothing has arrived for this request yet and it is about to be tried again: `note` says why and when
    /// ("Cannot connect to …: connection refused; retrying 2/4 in 2 s").
    case retrying(request: RequestKey, note: String)
    /// The engines the backend says it has (`GET /v1/engines`): what the engine pickers offer from now on.
    case enginesListed([EngineChoice])
    /// Whether the backend answers: nil once it did, else why it cannot be reached (shown until it answers).
    case backendReachability(problem: String?)
    /// Remaining credits (already divided by 1e9), or nil when the backend has none.
    case creditsRefreshed(Double?)
    /// What one request cost, measured from the balance before and after it (negative = spent).
    case creditsMeasured(request: RequestKey, change: Double)
    /// The external editor closed; nil when it failed or was abandoned.
    case editorFinished(String?)

    /// A translation batch came back (failures come as `.requestFailed`).
    case translated(request: RequestKey, answer: TranslateAnswer)
    /// Events for the compare screen or the scratchpad that are not keys (settings, sweeps, backend changes).
    /// Completions of both modes come back as `.streamChunk/.streamFinished/.requestFailed`, routed by request id.
    case compare(CompareEvent)
    /// The backend said what a token costs (`credits_per_token` in its engine list).
    case tokenPriceListed(TokenPrice)
    case translate(TranslateEvent)
    /// A backend refused these sampling fields (an OpenAI server without llama.cpp's extras): no longer sent.
    case parametersRefused(backend: String, fields: [String])
    /// Where an export was saved, or why it was not.
    case exported(path: String)
    case exportFailed(String)
    /// The presets there are (at start, and after one was saved: `saved` names it).
    case presetsListed([Preset], saved: String?)
    case presetFailed(String)
    /// A chat screen event from outside the keyboard (the command line's system prompt).
    case chat(ChatEvent)
    /// The images a text_to_image request brought, saved: their paths (failures come as `.requestFailed`).
    case imagesSaved(request: RequestKey, paths: [String])
    /// Events for the image screen that are not keys (what the backend can do, where images go).
    case image(ImageEvent)
    /// The history database could not take a run (locked, corrupt): said once, on the screen's notice line.
    case historyProblem(String)
    /// What the history database answered the history screen.
    case history(HistoryEvent)
}
