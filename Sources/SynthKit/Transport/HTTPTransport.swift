import Foundation

/// Runs each request on its own background thread with libcurl: streaming or whole bodies,
/// cancellation through the returned handle, retries per `TransportOptions.retry`.
/// Callbacks run on that thread, never the caller's.
public final class HTTPTransport: Sendable {
    public let options: TransportOptions

    public init(options: TransportOptions = TransportOptions()) {
        self.options = options
    }

    /// Sends `request`. When `streaming`, the body of a 2xx answer goes to `onBody` as it arrives
    /// (return an error from it to abort) and the final response has an empty body; otherwise the whole
    /// body comes with the response. A non-2xx answer becomes the matching `APIError`.
    /// `completion` is called exactly once, also after `cancel()`. `onRetry` hears of each wait before a retry
    /// (besides the policy's own observer), so whoever waits for this request can say why it takes long.
    @discardableResult
    public func send(_ request: HTTPRequest, streaming: Bool = false,
                     onBody: @escaping @Sendable (Data) -> APIError? = { _ in nil },
                     onRetry: (@Sendable (ScheduledRetry) -> Void)? = nil,
                     completion: @escaping @Sendable (Result<HTTPResponse, APIError>) -> Void) -> RequestHandle {
        let handle = RequestHandle()
        let options = self.options
        let thread = Thread {
            blockTerminalSignals()
            let result = Self.perform(request, options: options, handle: handle, streaming: streaming, onBody: onBody,
                                      onRetry: onRetry)
            completion(result)
            handle.markFinished()
        }
        thread.name = "synthpad.transport"
        thread.start()
        return handle
    }

    /// Attempts the request until it succeeds, fails for good, or the retry budget is spent.
    static func perform(_ request: HTTPRequest, options: TransportOptions, handle: RequestHandle, streaming: Bool,
                        onBody: @escaping (Data) -> APIError?,
                        onRetry: ((ScheduledRetry) -> Void)? = nil) -> Result<HTTPResponse, APIError> {
        let policy = options.retry
        let started = Date()
        var attempt = 1
        while true {
            options.log?(request.logDescription + (attempt > 1 ? "  (attempt \(attempt))" : ""))
            let attemptStarted = Date()
            let transfer = CurlTransfer(request: request, options: options, handle: handle, streaming: streaming,
                                        deliver: onBody)
            let error: APIError
            var retryAfter: Double?
            let outcome = transfer.run()
            options.log?(Self.describe(outcome, since: attemptStarted, streamed: transfer.state.deliveredBytes))
            switch outcome {
            case .answered(let response) where (200..<300).contains(response.status):
                return .success(response)
            case .answered(let response):
                retryAfter = response.retryAfter
                error = APIError.fromHTTP(status: response.status, body: response.body, retryAfter: retryAfter)
            case .failed(let failure):
                error = failure
            }
            if handle.isCancelled { return .failure(.cancelled) }
            // Once the caller has seen bytes, a retry would repeat them: fail instead.
            guard error.isRetryable, transfer.state.deliveredBytes == 0, attempt < policy.maxAttempts else {
                return .failure(error)
            }
            let delay = policy.delay(afterAttempt: attempt, retryAfter: retryAfter)
            if Date().timeIntervalSince(started) + delay > policy.deadline { return .failure(error) }
            let retry = ScheduledRetry(failedAttempt: attempt, maxAttempts: policy.maxAttempts, delay: delay,
                                       error: error.redacting(request.secret))
            policy.onRetry?(retry)
            onRetry?(retry)
            options.log?("  retrying in \(String(format: "%.2f", delay)) s")
            if !handle.sleep(delay) { return .failure(.cancelled) }
            attempt += 1
        }
    }
}

extension HTTPTransport {
    static func describe(_ outcome: CurlTransfer.Outcome, since start: Date, streamed: Int) -> String {
        let elapsed = String(format: "%.0f ms", Date().timeIntervalSince(start) * 1000)
        switch outcome {
        case .answered(let response):
            let size = streamed > 0 ? "\(streamed) bytes streamed" : "\(response.body.count) bytes"
            return "← \(response.status), \(size), \(elapsed)"
        case .failed(let error):
            return "← failed after \(elapsed): \(error)"
        }
    }
}

/// Transport threads must not take SIGWINCH (or other terminal signals): the main loop waits for them.
func blockTerminalSignals() {
    var set = sigset_t()
    sigemptyset(&set)
    for signal in [SIGWINCH, SIGINT, SIGTSTP, SIGCONT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE] { sigaddset(&set, signal) }
    pthread_sigmask(SIG_BLOCK, &set, nil)
}
