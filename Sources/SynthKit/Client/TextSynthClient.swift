import Foundation

/// A client for the TextSynth API (the cloud, a self-hosted ts_server, or the local engine server).
/// Two styles: callbacks for the TUI runtime (run on the transport thread, return a `RequestHandle`),
/// and async/await for the CLI (task cancellation cancels the request).
public final class TextSynthClient: Sendable {
    public static let cloudURL = "https://api.textsynth.com"

    public let baseURL: String
    /// Sent as `Authorization: Bearer …` when set; a self-hosted server needs none.
    public let apiKey: APIKey?
    let core: ClientCore
    /// `tokenLogprobsSupport`'s answers by engine: the engine list is asked once per client.
    let capabilityAnswers = LockedAnswers<Bool>()

    public init(baseURL: String = TextSynthClient.cloudURL, apiKey: APIKey? = nil,
                options: TransportOptions = TransportOptions()) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.core = ClientCore(transport: HTTPTransport(options: options))
    }

    public var transportOptions: TransportOptions { core.transport.options }

    var headers: [String: String] {
        var headers = ["Content-Type": "application/json", "Accept": "application/json"]
        if let apiKey, !apiKey.isEmpty { headers["Authorization"] = "Bearer \(apiKey.reveal())" }
        return headers
    }

    /// The URL of an engine's endpoint, e.g. `…/v1/engines/gptj_6B/completions`.
    public func url(engine: String, endpoint: String) -> String {
        let id = engine.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? engine
        return joinURL(baseURL, "v1/engines/\(id)/\(endpoint)")
    }

    // MARK: callback style

    /// Streams a completion; see `CompletionEvent` for the order of events.
    @discardableResult
    public func streamCompletion(engine: String, request: CompletionRequest,
                                 onEvent: @escaping @Sendable (CompletionEvent) -> Void) -> RequestHandle {
        var request = request
        request.stream = true
        return stream(url(engine: engine, endpoint: "completions"), request, onEvent: onEvent)
    }

    /// Streams a chat answer; same events as a completion.
    @discardableResult
    public func streamChat(engine: String, request: ChatRequest,
                           onEvent: @escaping @Sendable (CompletionEvent) -> Void) -> RequestHandle {
        var request = request
        request.stream = true
        return stream(url(engine: engine, endpoint: "chat"), request, onEvent: onEvent)
    }

    @discardableResult
    public func complete(engine: String, request: CompletionRequest,
                         completion: @escaping @Sendable (Result<CompletionAnswer, APIError>) -> Void) -> RequestHandle {
        var request = request
        request.stream = false
        return core.post(url(engine: engine, endpoint: "completions"), request, headers: headers, secret: apiKey, completion: completion)
    }

    @discardableResult
    public func chat(engine: String, request: ChatRequest,
                     completion: @escaping @Sendable (Result<CompletionAnswer, APIError>) -> Void) -> RequestHandle {
        var request = request
        request.stream = false
        return core.post(url(engine: engine, endpoint: "chat"), request, headers: headers, secret: apiKey, completion: completion)
    }

    @discardableResult
    public func translate(engine: String = EngineCatalog.defaultTranslationEngine, request: TranslateRequest,
                          completion: @escaping @Sendable (Result<TranslateAnswer, APIError>) -> Void) -> RequestHandle {
        core.post(url(engine: engine, endpoint: "translate"), request, headers: headers, secret: apiKey, completion: completion)
    }

    @discardableResult
    public func logprob(engine: String, request: LogprobRequest,
                        completion: @escaping @Sendable (Result<LogprobAnswer, APIError>) -> Void) -> RequestHandle {
        core.post(url(engine: engine, endpoint: "logprob"), request, headers: headers, secret: apiKey, completion: completion)
    }

    @discardableResult
    public func tokenize(engine: String, request: TokenizeRequest,
                         completion: @escaping @Sendable (Result<TokenizeAnswer, APIError>) -> Void) -> RequestHandle {
        core.post(url(engine: engine, endpoint: "tokenize"), request, headers: headers, secret: apiKey, completion: completion)
    }

    @discardableResult
    public func textToImage(engine: String = EngineCatalog.defaultImageEngine, request: TextToImageRequest,
                            completion: @escaping @Sendable (Result<ImageAnswer, APIError>) -> Void) -> RequestHandle {
        core.post(url(engine: engine, endpoint: "text_to_image"), request, headers: headers, secret: apiKey, completion: completion)
    }

    /// The balance. `onRetry` hears of each retry before it waits (the playground shows a server that is down
    /// at its first refusal, not after the last).
    @discardableResult
    public func credits(onRetry: (@Sendable (ScheduledRetry) -> Void)? = nil,
                        completion: @escaping @Sendable (Result<CreditsAnswer, APIError>) -> Void) -> RequestHandle {
        core.get(joinURL(baseURL, "v1/credits"), headers: headers, secret: apiKey, onRetry: onRetry, completion: completion)
    }

    /// The server's own list of engines (`GET /v1/engines`): synthpad's local server and some self-hosted ones.
    @discardableResult
    public func engines(onRetry: (@Sendable (ScheduledRetry) -> Void)? = nil,
                        completion: @escaping @Sendable (Result<EngineListAnswer, APIError>) -> Void) -> RequestHandle {
        core.get(joinURL(baseURL, "v1/engines"), headers: headers, secret: apiKey, onRetry: onRetry, completion: completion)
    }

    // MARK: streaming

    private func stream<Body: Encodable & Validatable>(_ url: String, _ body: Body,
                                                       onEvent: @escaping @Sendable (CompletionEvent) -> Void)
        -> RequestHandle {
        let data: Data
        do {
            try body.validate()
            data = try WireJSON.encode(body)
        } catch let error as ValidationError {
            return ClientCore.reportLater { onEvent(.failed(.invalidParameters(error))) }
        } catch {
            let reason = "cannot encode the request: \(error)"
            return ClientCore.reportLater { onEvent(.failed(.transport(reason: reason))) }
        }
        let secret = apiKey
        let session = StreamSession<StreamDecoder>(decoder: StreamDecoder()) { event in
            if case .failed(let error) = event { onEvent(.failed(error.redacting(secret))) } else { onEvent(event) }
        }
        let request = HTTPRequest(method: .post, url: url, headers: headers, body: data, secret: apiKey)
        return core.transport.send(request, streaming: true, onBody: session.receive,
                                   onRetry: { onEvent(.retrying($0)) }, completion: session.complete)
    }
}

/// What a stream's body decoder offers its session: TextSynth's JSON objects or OpenAI's server-sent events.
protocol CompletionStreamDecoding: Sendable {
    mutating func feed(_ bytes: Data) throws(APIError) -> [CompletionAnswer]
    mutating func finish() throws(APIError) -> [CompletionAnswer]
    var reachedEnd: Bool { get }
    var receivedText: [String] { get }
    var accumulatedAnswer: CompletionAnswer { get }
    /// A failure met behind good answers of the same read, thrown by the next call.
    var pendingFailure: APIError? { get }
}

extension StreamDecoder: CompletionStreamDecoding {}

/// The state of one streamed answer, touched only by its transport thread.
final class StreamSession<Decoder: CompletionStreamDecoding>: @unchecked Sendable {
    private var decoder: Decoder
    private var receivedBytes = false
    private let onEvent: @Sendable (CompletionEvent) -> Void

    init(decoder: Decoder, onEvent: @escaping @Sendable (CompletionEvent) -> Void) {
        self.decoder = decoder
        self.onEvent = onEvent
    }

    /// The answers decoded from one network read go out as one `.chunk`: a fast server packs hundreds of
    /// tokens into a read, and one event per token made as many events, allocations and wake-ups for the
    /// consumer, queued until it caught up (the playground's inbox held the whole stream that way).
    func receive(_ bytes: Data) -> APIError? {
        receivedBytes = true
        do {
            if let answer = Self.joined(try decoder.feed(bytes)) { onEvent(.chunk(answer)) }
            return decoder.pendingFailure
        } catch {
            return error
        }
    }

    /// Consecutive answers as one: each completion's pieces concatenated, the counts and reasons of the latest
    /// answer that has them. nil for none.
    static func joined(_ answers: [CompletionAnswer]) -> CompletionAnswer? {
        guard var joined = answers.first else { return nil }
        for answer in answers.dropFirst() {
            for (slot, piece) in answer.text.enumerated() {
                if slot < joined.text.count { joined.text[slot] += piece } else { joined.text.append(piece) }
            }
            joined.reachedEnd = joined.reachedEnd || answer.reachedEnd
            joined.truncatedPrompt = joined.truncatedPrompt || answer.truncatedPrompt
            joined.inputTokens = answer.inputTokens ?? joined.inputTokens
            joined.outputTokens = answer.outputTokens ?? joined.outputTokens
            joined.finishReason = answer.finishReason ?? joined.finishReason
            joined.appendTokens(answer.tokens)
        }
        return joined
    }

    func complete(_ result: Result<HTTPResponse, APIError>) {
        switch result {
        case .success:
            do {
                for answer in try decoder.finish() { onEvent(.chunk(answer)) }
                onEvent(.finished(decoder.accumulatedAnswer))
            } catch {
                onEvent(.failed(error))
            }
        case .failure(let error):
            onEvent(decoder.reachedEnd ? .finished(decoder.accumulatedAnswer) : .failed(streamFailure(error)))
        }
    }

    /// A break after the stream began keeps what arrived; anything else is reported as it is.
    private func streamFailure(_ error: APIError) -> APIError {
        guard receivedBytes, error.isConnectionBreak else { return error }
        return .streamEndedEarly(partialText: decoder.receivedText, reason: error.shortReason)
    }
}

extension APIError {
    /// The connection broke or went quiet after the answer began.
    var isConnectionBreak: Bool {
        switch self {
        case .connectionLost, .timedOut, .transport: true
        default: false
        }
    }

    var shortReason: String {
        switch self {
        case .connectionLost(_, let reason), .cannotConnect(_, let reason), .transport(let reason): reason
        case .timedOut(_, let seconds): "no data for \(displayNumber(seconds)) s"
        default: description
        }
    }
}
