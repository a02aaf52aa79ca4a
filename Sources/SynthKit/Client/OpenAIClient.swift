import Foundation

/// A client for OpenAI-compatible servers: llama.cpp's `llama-server`, vLLM, Ollama, OpenAI itself, and
/// `synthpad serve`. Takes synthpad's requests (the same `CompletionRequest` and `ChatRequest` as TextSynth's) and
/// answers with the same `CompletionAnswer`s and stream events, so every screen and command works unchanged.
public final class OpenAIClient: Sendable {
    public static let cloudURL = "https://api.openai.com/v1"

    /// The API's root, ending in `/v1` (e.g. `http://127.0.0.1:8080/v1`, `https://api.openai.com/v1`).
    public let baseURL: String
    public let apiKey: APIKey?
    let core: ClientCore
    /// Whether this server takes llama.cpp's extra sampling fields (top_k, typical_p, repetition_penalty); learned
    /// from a refusal that names one, then left out.
    private let extrasAccepted = LockedFlag(true)

    /// The sampling fields this server refused (empty until it refuses one): the screens mark them unused.
    public var refusedFields: [String] { extrasAccepted.value ? [] : Self.extraFields }

    public init(baseURL: String, apiKey: APIKey? = nil, options: TransportOptions = TransportOptions()) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        core = ClientCore(transport: HTTPTransport(options: options))
    }

    var headers: [String: String] {
        var headers = ["Content-Type": "application/json", "Accept": "application/json, text/event-stream"]
        if let apiKey, !apiKey.isEmpty { headers["Authorization"] = "Bearer \(apiKey.reveal())" }
        return headers
    }

    /// The extra fields a server may refuse (OpenAI's cloud does: "Unrecognized request argument").
    static let extraFields = ["top_k", "typical_p", "repetition_penalty"]

    // MARK: requests in OpenAI's words

    func sampling(_ p: SamplingParameters, stream: Bool) -> OpenAISampling {
        var s = OpenAISampling()
        s.maxTokens = p.maxTokens
        s.temperature = p.temperature
        s.topP = p.topP
        s.n = p.n
        s.stream = stream
        if stream { s.streamOptions = OpenAIStreamOptions(includeUsage: true) }
        s.stop = p.stop.isEmpty ? nil : OpenAIStrings(p.stop)
        s.seed = p.seed == 0 ? nil : p.seed  // TextSynth's 0 is "random"; OpenAI's is a seed like any other
        s.presencePenalty = p.presencePenalty == 0 ? nil : p.presencePenalty
        s.frequencyPenalty = p.frequencyPenalty == 0 ? nil : p.frequencyPenalty
        s.logitBias = p.logitBias.isEmpty ? nil : Dictionary(uniqueKeysWithValues: p.logitBias.map { (String($0.key), $0.value) })
        if extrasAccepted.value {
            s.topK = p.topK
            s.typicalP = p.typicalP == 1 ? nil : p.typicalP
            s.repetitionPenalty = p.repetitionPenalty == 1 ? nil : p.repetitionPenalty
        }
        return s
    }

    func completionBody(model: String, _ request: CompletionRequest, stream: Bool) -> OpenAICompletionRequest {
        var body = OpenAICompletionRequest(model: model, prompt: request.prompt,
                                           sampling: sampling(request.parameters, stream: stream))
        body.logprobs = request.parameters.topLogprobs  // OpenAI's name for the same count on completions
        return body
    }

    /// TextSynth's alternating turns (user first) and system prompt as OpenAI's messages.
    func chatBody(model: String, _ request: ChatRequest, stream: Bool) -> OpenAIChatRequest {
        var messages: [OpenAIChatMessage] = []
        if let system = request.system, !system.isEmpty { messages.append(.init(role: "system", content: system)) }
        for (index, text) in request.messages.enumerated() {
            messages.append(.init(role: index % 2 == 0 ? "user" : "assistant", content: text))
        }
        var body = OpenAIChatRequest(model: model, messages: messages, sampling: sampling(request.parameters, stream: stream))
        if let count = request.parameters.topLogprobs {  // chat asks with a flag and takes the count apart
            body.logprobs = true
            body.topLogprobs = count
        }
        return body
    }

    /// A refusal naming one of the extra fields: leave them out from now on, and say so.
    func learning(from error: APIError) -> APIError {
        guard case .invalidRequest(let message) = error, extrasAccepted.value else { return error }
        let lower = message.lowercased()
        guard Self.extraFields.contains(where: lower.contains) || lower.contains("unrecognized request argument")
        else { return error }
        extrasAccepted.value = false
        return .invalidRequest(message: message + " (synthpad leaves top_k, typical_p and repetition_penalty out for"
                               + " this server from now on: run again)")
    }

    // MARK: callback style

    @discardableResult
    public func streamCompletion(model: String, request: CompletionRequest,
                                 onEvent: @escaping @Sendable (CompletionEvent) -> Void) -> RequestHandle {
        if let problem = Self.problem(request.validate) {
            return ClientCore.reportLater { onEvent(.failed(.invalidParameters(problem))) }
        }
        return stream(joinURL(baseURL, "completions"), completionBody(model: model, request, stream: true), onEvent: onEvent)
    }

    @discardableResult
    public func streamChat(model: String, request: ChatRequest,
                           onEvent: @escaping @Sendable (CompletionEvent) -> Void) -> RequestHandle {
        if let problem = Self.problem(request.validate) {
            return ClientCore.reportLater { onEvent(.failed(.invalidParameters(problem))) }
        }
        return stream(joinURL(baseURL, "chat/completions"), chatBody(model: model, request, stream: true), onEvent: onEvent)
    }

    /// `GET /models`: what the server runs.
    @discardableResult
    public func models(onRetry: (@Sendable (ScheduledRetry) -> Void)? = nil,
                       completion: @escaping @Sendable (Result<OpenAIModelList, APIError>) -> Void) -> RequestHandle {
        core.get(joinURL(baseURL, "models"), headers: headers, secret: apiKey, onRetry: onRetry, completion: completion)
    }

    /// What makes a request invalid, found before the network (the field and its range), as for TextSynth.
    private static func problem(_ validate: () throws(ValidationError) -> Void) -> ValidationError? {
        do { try validate() } catch { return error }
        return nil
    }

    private func stream<Body: Encodable>(_ url: String, _ body: Body,
                                         onEvent: @escaping @Sendable (CompletionEvent) -> Void) -> RequestHandle {
        let data: Data
        do { data = try WireJSON.encode(body) } catch {
            let reason = "cannot encode the request: \(error)"
            return ClientCore.reportLater { onEvent(.failed(.transport(reason: reason))) }
        }
        let secret = apiKey
        let session = StreamSession(decoder: OpenAIStreamDecoder()) { [self] event in
            if case .failed(let error) = event { onEvent(.failed(learning(from: error).redacting(secret))) } else {
                onEvent(event)
            }
        }
        let request = HTTPRequest(method: .post, url: url, headers: headers, body: data, secret: apiKey)
        return core.transport.send(request, streaming: true, onBody: session.receive,
                                   onRetry: { onEvent(.retrying($0)) }, completion: session.complete)
    }
}

extension OpenAIStreamDecoder: CompletionStreamDecoding {}

/// async/await for the CLI.
extension OpenAIClient {
    public func completionStream(model: String, request: CompletionRequest) -> CompletionStream {
        streamRequest { streamCompletion(model: model, request: request, onEvent: $0) }
    }

    public func chatStream(model: String, request: ChatRequest) -> CompletionStream {
        streamRequest { streamChat(model: model, request: request, onEvent: $0) }
    }

    /// A whole answer: the stream, gathered (every OpenAI-compatible server streams; one code path for both).
    public func complete(model: String, request: CompletionRequest) async throws -> CompletionAnswer {
        try await gather(completionStream(model: model, request: request))
    }

    public func chat(model: String, request: ChatRequest) async throws -> CompletionAnswer {
        try await gather(chatStream(model: model, request: request))
    }

    public func models() async throws -> OpenAIModelList {
        try await awaitRequest { models(completion: $0) }
    }

    private func gather(_ stream: CompletionStream) async throws -> CompletionAnswer {
        var whole = CompletionAnswer(text: [], reachedEnd: false)
        for try await piece in stream {
            for (slot, text) in piece.text.enumerated() {
                if slot < whole.text.count { whole.text[slot] += text } else { whole.text.append(text) }
            }
            whole.inputTokens = piece.inputTokens ?? whole.inputTokens
            whole.outputTokens = piece.outputTokens ?? whole.outputTokens
            whole.finishReason = piece.finishReason ?? whole.finishReason
            whole.appendTokens(piece.tokens)
        }
        whole.reachedEnd = true
        return whole
    }
}

/// A Bool shared between threads.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Bool
    init(_ value: Bool) { stored = value }
    var value: Bool {
        get { lock.lock(); defer { lock.unlock() }; return stored }
        set { lock.lock(); stored = newValue; lock.unlock() }
    }
}
