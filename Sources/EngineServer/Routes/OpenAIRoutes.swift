// The OpenAI API on the local model — `GET /v1/models`, `POST /v1/completions`, `POST /v1/chat/completions`,
// streamed as server-sent events (`data: {…}`, then `data: [DONE]`) — through the same scheduler, limits, key
// and credits as the TextSynth routes, so OpenAI clients (the `openai` package, llm, aichat) work unchanged.

import Foundation
import Hummingbird
import LocalEngine
import SynthWire

enum OpenAIRoutes {
    static let paths = ["/v1/models", "/v1/completions", "/v1/chat/completions"]

    /// Whether errors on this path take OpenAI's shape.
    static func speaksOpenAI(_ path: String) -> Bool { paths.contains(path) }

    /// OpenAI's own default for completions; chat answers until the turn ends or the context is full.
    static let defaultCompletionTokens = 16

    static func models(state: ServerState) -> Response {
        let created = Int(state.startedAt.timeIntervalSince1970)
        return JSONResponses.ok(OpenAIModelList(data: state.directory.localIDs.map {
            .init(id: $0, created: created, ownedBy: "synthpad")
        }))
    }

    static func completions(_ request: Request, state: ServerState) async throws(APIError) -> Response {
        await ClientPresence.cancellingOnDisconnect(request) { body throws(APIError) in
            let data = try await RequestBodyDecoding.collect(body, limit: state.configuration.maxBodyBytes)
            let completion = try RequestBodyDecoding.decode(OpenAICompletionRequest.self, from: data)
            let generator = try model(completion.model, state: state)
            guard completion.prompt.values.count == 1 else {
                throw .invalidParameter(ValidationError(field: "prompt", value: "\(completion.prompt.values.count) prompts",
                                                        allowed: "one prompt per request", problem: "is a batch"))
            }
            try refuse("echo", completion.echo ?? false, "echoing the prompt")
            try refuse("suffix", completion.suffix != nil, "a suffix")
            var parameters = try sampling(completion.sampling, defaultMaxTokens: defaultCompletionTokens)
            parameters.topLogprobs = try alternatives(completion.logprobs, field: "logprobs")
            return try await respond(generator, OpenAIAnswerWriter(kind: .completion, model: completion.model),
                                     prompt: completion.prompt.values[0], parameters: parameters,
                                     sampling: completion.sampling, state: state)
        }
    }

    static func chatCompletions(_ request: Request, state: ServerState) async throws(APIError) -> Response {
        await ClientPresence.cancellingOnDisconnect(request) { body throws(APIError) in
            let data = try await RequestBodyDecoding.collect(body, limit: state.configuration.maxBodyBytes)
            var chat = try RequestBodyDecoding.decode(OpenAIChatRequest.self, from: data)
            let generator = try model(chat.model, state: state)
            if chat.topLogprobs != nil && chat.logprobs != true {
                throw .invalidParameter(ValidationError(field: "top_logprobs", value: "\(chat.topLogprobs ?? 0)",
                                                        allowed: "only with logprobs: true",
                                                        problem: "asks for alternatives without logprobs"))
            }
            guard !chat.messages.isEmpty else {
                throw .invalidParameter(ValidationError(field: "messages", value: "[]", allowed: "at least one message",
                                                        problem: "is empty"))
            }
            for message in chat.messages where !["system", "developer", "user", "assistant"].contains(message.role) {
                throw .invalidParameter(ValidationError(field: "messages.role", value: "\"\(message.role)\"",
                                                        allowed: "system, developer, user or assistant",
                                                        problem: "is not a role this server takes"))
            }
            if let most = chat.maxCompletionTokens { chat.sampling.maxTokens = most }
            var parameters = try sampling(chat.sampling, defaultMaxTokens: generator.contextLength)
            if chat.logprobs == true {
                parameters.topLogprobs = try alternatives(chat.topLogprobs ?? 0, field: "top_logprobs")
            }
            // The turn ends with an end-of-generation token; the start of another turn also ends a runaway one.
            let template = generator.localModel.chatTemplate
            if !parameters.stop.contains(template.turnStart), parameters.stop.count < SamplingParameters.maxStopStrings {
                parameters.stop.append(template.turnStart)
            }
            let turns = chat.messages.map { (role: $0.role == "developer" ? "system" : $0.role, content: $0.content) }
            return try await respond(generator, OpenAIAnswerWriter(kind: .chat, model: chat.model),
                                     prompt: template.prompt(turns: turns), parameters: parameters,
                                     sampling: chat.sampling, state: state)
        }
    }

    /// OpenAI clients name a model: the served one of that id runs the request; another name is 404, as OpenAI
    /// says, naming the models there are.
    static func model(_ model: String, state: ServerState) throws(APIError) -> LocalGenerator {
        guard let served = state.servedEngine(model) else {
            throw APIError(status: 404, message: "The model '\(model)' does not exist on this server; models: "
                           + state.directory.localIDs.joined(separator: ", "))
        }
        return served.generator
    }

    static func refuse(_ field: String, _ asked: Bool, _ what: String) throws(APIError) {
        guard asked else { return }
        throw .invalidParameter(ValidationError(field: field, value: "set", allowed: "left out",
                                                problem: "asks for \(what), which this server does not offer yet"))
    }

    /// How many alternatives per token: OpenAI allows 0…5 (completions) or 0…20 (chat); synthpad 0…20 for both.
    static func alternatives(_ count: Int?, field: String) throws(APIError) -> Int? {
        guard let count else { return nil }
        let spec = ParameterSpec.topLogprobs
        guard spec.allows(Double(count)) else {
            throw .invalidParameter(ValidationError(field: field, value: "\(count)", allowed: spec.rangeDescription))
        }
        return count
    }

    static func sampling(_ sampling: OpenAISampling, defaultMaxTokens: Int) throws(APIError) -> SamplingParameters {
        do { return try sampling.samplingParameters(defaultMaxTokens: defaultMaxTokens) } catch {
            throw .invalidParameter(error)
        }
    }

    private static func respond(_ generator: LocalGenerator, _ writer: OpenAIAnswerWriter, prompt: String,
                                parameters: SamplingParameters, sampling: OpenAISampling,
                                state: ServerState) async throws(APIError) -> Response {
        let spec = try state.admit(generator, prompt: prompt, parameters: parameters)
        guard sampling.stream == true else {
            let summary = try await generator.complete(spec)
            return JSONResponses.ok(writer.whole(summary))
        }
        let includeUsage = sampling.streamOptions?.includeUsage ?? false
        let (job, events) = try generator.submit(spec)
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        let body = ResponseBody { out in
            defer { generator.abandon(job) }  // whatever ends the body frees the job's slots
            var writer = writer
            if let first = writer.opening(choices: parameters.n) { try await out.write(event(first)) }
            var tokens: [[TokenLogprobs]]?  // the probabilities of the next pieces' tokens, when asked for
            for await update in events {
                switch update {
                case let .tokens(lists):
                    tokens = lists
                case let .progress(deltas):
                    for chunk in writer.pieces(deltas, tokens: tokens) { try await out.write(event(chunk)) }
                    tokens = nil
                case let .completed(last, summary):
                    for chunk in writer.pieces(last, tokens: tokens) { try await out.write(event(chunk)) }
                    for chunk in writer.endings(summary) { try await out.write(event(chunk)) }
                    if includeUsage { try await out.write(event(writer.usageChunk(summary))) }
                    try await out.write(ByteBuffer(string: "data: [DONE]\n\n"))
                case let .failed(message):
                    try await out.write(event(OpenAIErrorBody(.init(message: message, type: "server_error"))))
                case .logprob:
                    break
                }
            }
            try await out.finish(nil)
        }
        return Response(status: .ok, headers: headers, body: body)
    }

    /// One server-sent event.
    static func event<T: Encodable>(_ value: T) -> ByteBuffer {
        var buffer = ByteBuffer(string: "data: ")
        var json = JSONResponses.encode(value)
        buffer.writeBuffer(&json)
        buffer.writeString("\n\n")
        return buffer
    }
}
