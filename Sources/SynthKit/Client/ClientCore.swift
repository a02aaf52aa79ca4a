import Foundation

/// What TextSynthClient and BoosteClient share: JSON requests over the transport, answers decoded,
/// validation before the network, and the bridge from callbacks to async/await.
struct ClientCore: Sendable {
    let transport: HTTPTransport

    /// POSTs `body` (validated first) to `url` and decodes the answer as `Answer`.
    func post<Body: Encodable & Validatable, Answer: Decodable & Sendable>(
        _ url: String, _ body: Body, headers: [String: String], secret: APIKey?,
        completion: @escaping @Sendable (Result<Answer, APIError>) -> Void
    ) -> RequestHandle {
        let data: Data
        do {
            try body.validate()
            data = try WireJSON.encode(body)
        } catch let error as ValidationError {
            return Self.failLater(.invalidParameters(error), completion)
        } catch {
            return Self.failLater(.transport(reason: "cannot encode the request: \(error)"), completion)
        }
        let request = HTTPRequest(method: .post, url: url, headers: headers, body: data, secret: secret)
        return transport.send(request) { result in
            completion(result.flatMap(Self.decode).mapError { $0.redacting(secret) })
        }
    }

    func get<Answer: Decodable & Sendable>(_ url: String, headers: [String: String], secret: APIKey?,
                                           onRetry: (@Sendable (ScheduledRetry) -> Void)? = nil,
                                           completion: @escaping @Sendable (Result<Answer, APIError>) -> Void)
        -> RequestHandle {
        transport.send(HTTPRequest(method: .get, url: url, headers: headers, secret: secret), onRetry: onRetry) { result in
            completion(result.flatMap(Self.decode).mapError { $0.redacting(secret) })
        }
    }

    static func decode<Answer: Decodable>(_ response: HTTPResponse) -> Result<Answer, APIError> {
        do {
            return .success(try WireJSON.decode(Answer.self, from: response.body))
        } catch {
            return .failure(.undecodableAnswer(snippet: APIError.snippet(of: response.body),
                                               reason: "expected \(Answer.self): \(shortReason(error))"))
        }
    }

    static func shortReason(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, _): "missing \"\(key.stringValue)\""
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "wrong type at \(context.codingPath.map(\.stringValue).joined(separator: "."))"
        case DecodingError.dataCorrupted(let context): context.debugDescription
        default: "\(error)"
        }
    }

    /// Reports a failure found before sending, still from a background thread (callbacks never run on the caller's).
    static func failLater<Answer>(_ error: APIError,
                                  _ completion: @escaping @Sendable (Result<Answer, APIError>) -> Void) -> RequestHandle {
        reportLater { completion(.failure(error)) }
    }

    /// Runs `report` on a new background thread and returns a handle that finishes after it.
    static func reportLater(_ report: @escaping @Sendable () -> Void) -> RequestHandle {
        let handle = RequestHandle()
        Thread {
            blockTerminalSignals()
            report()
            handle.markFinished()
        }.start()
        return handle
    }
}

/// Joins a base URL and a path with exactly one slash.
func joinURL(_ base: String, _ path: String) -> String {
    var base = base
    while base.hasSuffix("/") { base.removeLast() }
    return base + "/" + path.drop(while: { $0 == "/" })
}

/// Carries a request handle to a task-cancellation handler that may run before the handle exists.
final class CancellationBridge: @unchecked Sendable {
    private let lock = NSLock()
    private var handle: RequestHandle?
    private var cancelled = false

    func attach(_ handle: RequestHandle) {
        lock.lock()
        self.handle = handle
        let cancelNow = cancelled
        lock.unlock()
        if cancelNow { handle.cancel() }
    }

    func cancel() {
        lock.lock()
        cancelled = true
        let handle = self.handle
        lock.unlock()
        handle?.cancel()
    }
}

/// Runs a callback-style request as an async call; cancelling the task cancels the request.
func awaitRequest<Answer: Sendable>(
    _ start: (@escaping @Sendable (Result<Answer, APIError>) -> Void) -> RequestHandle
) async throws -> Answer {
    let bridge = CancellationBridge()
    return try await withTaskCancellationHandler {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Answer, Error>) in
            bridge.attach(start { result in continuation.resume(with: result.mapError { $0 as Error }) })
        }
    } onCancel: {
        bridge.cancel()
    }
}

/// Runs a callback-style stream as an AsyncThrowingStream of chunks. Cancelling the consuming task cancels
/// the request and makes the loop throw `APIError.cancelled` (a plain AsyncThrowingStream would just end,
/// which looks like a finished answer); dropping the stream early cancels the request too.
func streamRequest(_ start: (@escaping @Sendable (CompletionEvent) -> Void) -> RequestHandle) -> CompletionStream {
    let mailbox = EventMailbox()
    return CompletionStream(request: StreamedRequest(handle: start(mailbox.post), mailbox: mailbox))
}

/// The pieces of a streamed answer, for `for try await`. Unlike `AsyncThrowingStream`, which ends quietly when
/// its consumer is cancelled, this throws `APIError.cancelled`: a cancelled stream never looks finished.
public struct CompletionStream: AsyncSequence, Sendable {
    public typealias Element = CompletionAnswer
    let request: StreamedRequest

    public struct AsyncIterator: AsyncIteratorProtocol {
        let request: StreamedRequest
        public mutating func next() async throws -> CompletionAnswer? { try await request.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(request: request) }
}

/// Events from the transport thread, waiting for the consumer.
final class EventMailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var pending: [CompletionEvent] = []
    private var waiter: CheckedContinuation<CompletionEvent, Never>?

    func post(_ event: CompletionEvent) {
        lock.lock()
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.resume(returning: event)
        } else {
            pending.append(event)
            lock.unlock()
        }
    }

    func next() async -> CompletionEvent {
        await withCheckedContinuation { continuation in
            lock.lock()
            if pending.isEmpty {
                waiter = continuation
                lock.unlock()
            } else {
                let event = pending.removeFirst()
                lock.unlock()
                continuation.resume(returning: event)
            }
        }
    }
}

/// The consumer's side of a streamed request; when the stream is dropped, this goes and the request is cancelled.
final class StreamedRequest: @unchecked Sendable {
    private let handle: RequestHandle
    private let mailbox: EventMailbox
    private let lock = NSLock()
    private var ended = false

    init(handle: RequestHandle, mailbox: EventMailbox) {
        self.handle = handle
        self.mailbox = mailbox
    }

    deinit { handle.cancel() }

    func next() async throws -> CompletionAnswer? {
        if lock.withLock({ ended }) { return nil }
        let handle = self.handle
        // Cancelled between two pieces: stop the request; its `.failed(.cancelled)` is what the consumer sees.
        if Task.isCancelled { handle.cancel() }
        let event = await withTaskCancellationHandler {
            await mailbox.next()
        } onCancel: {
            handle.cancel()
        }
        switch event {
        case .retrying:
            return try await next()  // the transport's retry observers say so; the consumer wants text
        case .chunk(let answer):
            return answer
        case .finished:
            lock.withLock { ended = true }
            return nil
        case .failed(let error):
            lock.withLock { ended = true }
            throw error
        }
    }
}
