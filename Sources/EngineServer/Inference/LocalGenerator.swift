// What the routes ask of the local model: prompts turned into scheduled jobs, answers gathered from events.

import Foundation
import LocalEngine
import SynthWire

final class LocalGenerator: Sendable {
    let localModel: LocalModel
    let scheduler: InferenceScheduler

    /// `onUsage` is told the tokens each job consumed (how credits are charged).
    init(localModel: LocalModel, configuration: EngineServerConfiguration,
         onUsage: @escaping @Sendable (_ inputTokens: Int, _ outputTokens: Int) -> Void) {
        self.localModel = localModel
        scheduler = InferenceScheduler(
            localModel: localModel, maxActiveSequences: configuration.maxActiveSequences,
            maxQueuedSequences: configuration.maxQueuedSequences, prefillChunkTokens: configuration.prefillChunkTokens,
            onUsage: onUsage)
        scheduler.start()
    }

    func stop() { scheduler.stop() }

    var contextLength: Int { localModel.contextLength }

    /// A completion job for `prompt`: the beginning of the prompt is dropped if prompt + max_tokens overflow.
    func completionJob(prompt: String, parameters: SamplingParameters) -> CompletionJobSpec {
        var tokens = localModel.promptTokens(prompt)
        // An empty prompt starts from the end-of-text token, as an empty logprob context does.
        if tokens.isEmpty { tokens = [localModel.endOfTextToken] }
        let fit = GenerationPromptFit(prompt: tokens, contextLength: contextLength, maxTokens: parameters.maxTokens)
        return CompletionJobSpec(
            promptTokens: fit.promptTokens, truncatedPrompt: fit.truncatedPrompt, completions: parameters.n,
            options: Self.samplingOptions(parameters), maxNewTokens: fit.maxNewTokens, stopStrings: parameters.stop,
            topLogprobs: parameters.topLogprobs)
    }

    static func samplingOptions(_ parameters: SamplingParameters) -> SamplingOptions {
        SamplingOptions(
            temperature: Float(parameters.temperature), topK: parameters.topK, topP: Float(parameters.topP),
            typicalP: Float(parameters.typicalP), presencePenalty: Float(parameters.presencePenalty),
            frequencyPenalty: Float(parameters.frequencyPenalty), repetitionPenalty: Float(parameters.repetitionPenalty),
            logitBias: Dictionary(uniqueKeysWithValues: parameters.logitBias.map { (Int32(clamping: $0.key), Float($0.value)) }),
            seed: UInt64(max(0, parameters.seed)))
    }

    func submit(_ spec: CompletionJobSpec) throws(APIError) -> (InferenceJob, AsyncStream<InferenceEvent>) {
        try scheduler.submit(.completion(spec))
    }

    /// Runs a completion to its end (non-streamed answers, Booste).
    func complete(_ spec: CompletionJobSpec) async throws(APIError) -> CompletionSummary {
        let (job, events) = try submit(spec)
        defer { job.cancel() }
        for await event in events {
            switch event {
            case .progress, .tokens: continue
            case let .completed(_, summary): return summary
            case let .failed(message): throw .internalError(message)
            case .logprob: break
            }
        }
        throw .internalError("generation ended without an answer")
    }

    /// log P(continuation | context); an empty context is the end-of-text token. A context too long for the
    /// window loses its beginning; a continuation that alone does not fit is refused.
    func logprob(context: String, continuation: String) async throws(APIError) -> LogprobSummary {
        var contextTokens = context.isEmpty ? [localModel.endOfTextToken] : localModel.promptTokens(context)
        if contextTokens.isEmpty { contextTokens = [localModel.endOfTextToken] }
        let continuationTokens = localModel.tokenizer.encode(continuation, parseSpecial: true)
        guard !continuationTokens.isEmpty else {
            throw .invalidParameter(ValidationError(field: "continuation", value: "\"\"", allowed: "a non-empty string",
                                                    problem: "is empty"))
        }
        guard continuationTokens.count < contextLength else {
            throw .invalidParameter(ValidationError(
                field: "continuation", value: "\(continuationTokens.count) tokens",
                allowed: "fewer than the context length \(contextLength)", problem: "is too long"))
        }
        // The last token is never fed, so context + continuation may use one position more than the window.
        let room = contextLength + 1 - continuationTokens.count
        if contextTokens.count > room { contextTokens = Array(contextTokens.suffix(room)) }
        let spec = LogprobJobSpec(tokens: contextTokens + continuationTokens, continuationStart: contextTokens.count)
        let (job, events) = try scheduler.submit(.logprob(spec))
        defer { job.cancel() }
        for await event in events {
            if case let .logprob(summary) = event { return summary }
            if case let .failed(message) = event { throw .internalError(message) }
        }
        throw .internalError("logprob ended without an answer")
    }

    func tokenize(_ text: String) -> [Int32] {
        localModel.tokenizer.encode(text, parseSpecial: true)
    }

    func tokenBytes(_ token: Int32) -> [UInt8] { localModel.tokenizer.tokenBytes(token) }
}

extension LocalGenerator {
    /// The request is over from the client's side: free its slots now.
    func abandon(_ job: InferenceJob) {
        job.cancel()
        scheduler.wake()
    }
}
