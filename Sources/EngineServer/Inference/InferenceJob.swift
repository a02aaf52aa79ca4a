// One request's work for the inference thread: n completions of a prompt, or the log-probability of a text.
// The request's handler reads events; the scheduler thread alone touches the progress fields.

import Foundation
import LocalEngine

/// What a completion request asks the model for (prompt already fitted into the context).
struct CompletionJobSpec: Sendable {
    var promptTokens: [Int32]
    var truncatedPrompt: Bool
    var completions: Int
    var options: SamplingOptions
    var maxNewTokens: Int
    var stopStrings: [String]
    /// Per-token probabilities with this many alternatives (0…20); nil: none (no extra work per token).
    var topLogprobs: Int? = nil
}

/// Log-probability of `tokens[continuationStart...]` given the tokens before it.
struct LogprobJobSpec: Sendable {
    var tokens: [Int32]
    var continuationStart: Int
}

struct CompletionSummary: Sendable, Equatable {
    /// Whole text of each completion.
    var texts: [String]
    var finishReasons: [GenerationFinishReason]
    var inputTokens: Int
    var outputTokens: Int
    var truncatedPrompt: Bool
    /// Every generated token's probabilities, per completion, when the job asked for them.
    var tokens: [[TokenLogprobs]]? = nil
}

struct LogprobSummary: Sendable, Equatable {
    var logprob: Double
    var isGreedy: Bool
    var continuationTokens: Int
    var inputTokens: Int
}

enum InferenceEvent: Sendable {
    /// Text produced since the last event, one entry per completion (empty when that one produced nothing).
    case progress([String])
    /// The probabilities of the tokens behind the next `progress` or `completed` event, one list per completion
    /// (empty when that one produced no token); only for jobs that asked (`CompletionJobSpec.topLogprobs`).
    case tokens([[TokenLogprobs]])
    /// The last text pieces and the totals; nothing follows.
    case completed(last: [String], CompletionSummary)
    case logprob(LogprobSummary)
    case failed(String)
}

final class InferenceJob: @unchecked Sendable {  // `cancelled` is locked; the rest belongs to the scheduler thread
    enum Kind: Sendable {
        case completion(CompletionJobSpec)
        case logprob(LogprobJobSpec)
    }

    let kind: Kind
    let events: AsyncStream<InferenceEvent>.Continuation
    private let lock = NSLock()
    private var cancelledFlag = false

    // Scheduler-thread state.
    var admitted = 0
    var finished = 0
    var deltas: [String]
    var texts: [String]
    var finishReasons: [GenerationFinishReason?]
    /// Per-token probabilities since the last event, and all of them; empty unless the job asked for them.
    var tokenDeltas: [[TokenLogprobs]] = []
    var tokenLists: [[TokenLogprobs]] = []
    var outputTokens = 0
    var isOver = false
    /// Its consumption has been reported (see `InferenceScheduler.onUsage`).
    var settled = false

    init(kind: Kind, events: AsyncStream<InferenceEvent>.Continuation) {
        self.kind = kind
        self.events = events
        deltas = Array(repeating: "", count: Self.sequenceCount(of: kind))
        texts = deltas
        finishReasons = Array(repeating: nil, count: deltas.count)
        if case let .completion(spec) = kind, spec.topLogprobs != nil {
            tokenDeltas = Array(repeating: [], count: deltas.count)
            tokenLists = tokenDeltas
        }
    }

    /// Slots this job needs: one per completion, one for a logprob.
    var sequences: Int { deltas.count }

    var isCancelled: Bool { lock.withLock { cancelledFlag } }

    /// Asks the scheduler to drop this job; its slots are freed before the next batched step.
    func cancel() { lock.withLock { cancelledFlag = true } }
}

extension InferenceJob {
    static func sequenceCount(of kind: Kind) -> Int {
        switch kind {
        case let .completion(spec): return max(1, spec.completions)
        case .logprob: return 1
        }
    }
}
