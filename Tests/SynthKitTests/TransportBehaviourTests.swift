import Foundation
import SynthKit
import TestPeer
import XCTest

/// Error statuses, retries, timeouts and cancellation over real HTTP.
final class TransportBehaviourTests: XCTestCase {
    var peer: TestPeer!
    let path = "/v1/engines/gptj_6B/completions"

    override func setUpWithError() throws { peer = try TestPeer() }
    override func tearDown() { peer.shutdown() }

    func complete(_ client: TextSynthClient) -> Result<CompletionAnswer, APIError>? {
        waitResult { client.complete(engine: "gptj_6B", request: CompletionRequest(prompt: "p"), completion: $0) }
    }

    func testEachErrorStatusMapsToItsCase() {
        let client = makeClient(peer)
        let cases: [(PeerResponse, APIError)] = [
            (.error(400, "invalid top_k"), .invalidRequest(message: "invalid top_k")),
            (.error(401, "invalid API key"), .unauthorized(status: 401, message: "invalid API key")),
            (.error(403, "forbidden"), .unauthorized(status: 403, message: "forbidden")),
            (.error(429, "too many requests", headers: ["Retry-After": "7"]),
             .rateLimited(message: "too many requests", retryAfter: 7)),
            (.error(498, "captcha"), .captchaRequired(message: "captcha")),
            (.error(500, "boom"), .serverError(status: 500, message: "boom")),
            (.error(503, "overloaded"), .serverError(status: 503, message: "overloaded")),
            (.error(404, "no engine"), .unexpectedStatus(status: 404, message: "no engine")),
            (.body("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>",
                   status: 502, contentType: "text/html"),
             .serverError(status: 502, message: "502 Bad Gateway Bad Gateway")),
            (.json(["message": "Invalid API key"], status: 401), .unauthorized(status: 401, message: "Invalid API key")),
        ]
        for (response, expected) in cases {
            peer.route("POST", path, response)
            XCTAssertEqual(complete(client)?.failure, expected)
        }
        XCTAssertTrue(APIError.unauthorized(status: 401, message: "x").description.contains("API key"))
        XCTAssertTrue(APIError.captchaRequired(message: "x").description.contains("captcha"))
    }

    func testUndecodableAnswerShowsSnippet() {
        peer.route("POST", path, .body("not json at all"))
        guard case .undecodableAnswer(let snippet, _)? = complete(makeClient(peer))?.failure else {
            return XCTFail("expected undecodable")
        }
        XCTAssertEqual(snippet, "not json at all")
    }

    func testGarbageInsteadOfHTTPIsATransportFailureNotACrash() {
        peer.route("POST", path, .rawBytes(Array("SMTP ready\r\n\r\n".utf8)))
        let error = complete(makeClient(peer))?.failure
        XCTAssertNotNil(error)
        XCTAssertNotEqual(error, .cancelled)
        peer.routeEverythingElse { request in .error(418, "no \(request.path)") }
        XCTAssertEqual(waitResult { makeClient(peer).credits(completion: $0) }?.failure,
                       .unexpectedStatus(status: 418, message: "no /v1/credits"))
    }

    func testCannotConnectNamesTheURL() throws {
        let closed = try TestPeer()
        let url = closed.baseURL
        closed.shutdown()
        let client = TextSynthClient(baseURL: url, options: fastOptions())
        let error = waitResult { client.credits(completion: $0) }?.failure
        guard case .cannotConnect(let failedURL, _)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(failedURL, url + "/v1/credits")
        XCTAssertTrue(error!.description.contains(url))
    }

    func testRetriesServerErrorsWithBackoffThenSucceeds() {
        let waits = WaitLog()
        let policy = RetryPolicy(maxAttempts: 4, baseDelay: 0.05, multiplier: 2, maxDelay: 1, jitter: 0, deadline: 5,
                                 onRetry: waits.record)
        peer.route("POST", path, responses: [.error(503, "busy"), .error(500, "oops"), .json(["text": "ok", "reached_end": true])])
        let result = complete(makeClient(peer, retry: policy))
        XCTAssertEqual(result?.success?.firstText, "ok")
        XCTAssertEqual(waits.delays, [0.05, 0.1])
        let times = peer.requests.map(\.receivedAt)
        XCTAssertEqual(times.count, 3)
        XCTAssertGreaterThanOrEqual(times[1].timeIntervalSince(times[0]), 0.045)
        XCTAssertGreaterThanOrEqual(times[2].timeIntervalSince(times[1]), 0.095)
    }

    func testRetryAfterIsHonoured() {
        let waits = WaitLog()
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 1, jitter: 0, deadline: 5, onRetry: waits.record)
        peer.route("POST", path, responses: [.error(429, "slow down", headers: ["Retry-After": "0.3"]),
                                             .json(["text": "ok", "reached_end": true])])
        XCTAssertEqual(complete(makeClient(peer, retry: policy))?.success?.firstText, "ok")
        XCTAssertEqual(waits.delays, [0.3])
        let times = peer.requests.map(\.receivedAt)
        XCTAssertGreaterThanOrEqual(times[1].timeIntervalSince(times[0]), 0.29)
    }

    func testRetryAfterBeyondTheDeadlineFailsAtOnce() {
        let waits = WaitLog()
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, jitter: 0, deadline: 5, onRetry: waits.record)
        peer.route("POST", path, .error(429, "come back tomorrow", headers: ["Retry-After": "86400"]))
        // `complete` waits up to 5 s: an answer at all means the day-long wait was never started.
        XCTAssertEqual(complete(makeClient(peer, retry: policy))?.failure,
                       .rateLimited(message: "come back tomorrow", retryAfter: 86400))
        XCTAssertEqual(peer.requests.count, 1)
        XCTAssertEqual(waits.delays, [], "no retry was scheduled")
    }

    func testRetriesStopAtMaxAttempts() {
        let waits = WaitLog()
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, jitter: 0, deadline: 5, onRetry: waits.record)
        peer.route("POST", path, .error(503, "down"))
        XCTAssertEqual(complete(makeClient(peer, retry: policy))?.failure, .serverError(status: 503, message: "down"))
        XCTAssertEqual(peer.requests.count, 3)
        XCTAssertEqual(waits.delays.count, 2)
    }

    func testDeadlineStopsRetriesEarly() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: 0.2, multiplier: 1, jitter: 0, deadline: 0.3)
        peer.route("POST", path, .error(500, "down"))
        XCTAssertEqual(complete(makeClient(peer, retry: policy))?.failure, .serverError(status: 500, message: "down"))
        XCTAssertEqual(peer.requests.count, 2)
    }

    func testClientErrorsAreNotRetried() {
        let policy = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, deadline: 5)
        peer.route("POST", path, .error(400, "bad"))
        _ = complete(makeClient(peer, retry: policy))
        peer.route("POST", path, .error(401, "key"))
        _ = complete(makeClient(peer, retry: policy))
        XCTAssertEqual(peer.requests.count, 2)
    }

    func testDroppedConnectionBeforeAnswerIsRetried() {
        let policy = RetryPolicy(maxAttempts: 2, baseDelay: 0.01, jitter: 0, deadline: 5)
        peer.route("POST", path, responses: [.dropConnection, .json(["text": "ok", "reached_end": true])])
        XCTAssertEqual(complete(makeClient(peer, retry: policy))?.success?.firstText, "ok")
        XCTAssertEqual(peer.requests.count, 2)
    }

    func testNoRetryOnceStreamingBegan() {
        let policy = RetryPolicy(maxAttempts: 4, baseDelay: 0.01, deadline: 5)
        var stream = PeerResponse.textSynthStream(["one ", "two "])
        stream.steps = [stream.steps[0], .drop]
        peer.route("POST", path, stream)
        let recorder = EventRecorder()
        makeClient(peer, retry: policy).streamCompletion(engine: "gptj_6B", request: CompletionRequest(prompt: "p"),
                                                         onEvent: recorder.record)
        guard case .failed(let error)? = recorder.waitForEnd() else { return XCTFail("expected a failure") }
        guard case .streamEndedEarly(let partial, _) = error else { return XCTFail("\(error)") }
        XCTAssertEqual(partial, ["one "])
        XCTAssertEqual(peer.requests.count, 1)
    }

    func testStreamWithoutReachedEndFails() {
        var stream = PeerResponse.chunks(PeerResponse.textSynthStreamObjects(["a", "b"], finalReachedEnd: false))
        stream.framing = .chunked
        peer.route("POST", path, stream)
        let recorder = EventRecorder()
        makeClient(peer).streamCompletion(engine: "gptj_6B", request: CompletionRequest(prompt: "p"), onEvent: recorder.record)
        XCTAssertEqual(recorder.waitForEnd(), .failed(.streamEndedEarly(partialText: ["ab"], reason: "no final answer")))
    }

    func testIdleTimeout() {
        peer.route("POST", path, .stallAfterHeaders())
        // The peer stalls for ever: only the 0.3 s idle timeout can end the request inside waitResult's 5 s.
        let error = waitResult { makeClient(peer, idle: 0.3).complete(engine: "gptj_6B", request: CompletionRequest(prompt: "p"), completion: $0) }?.failure
        guard case .timedOut(_, let seconds)? = error else { return XCTFail("\(String(describing: error))") }
        XCTAssertEqual(seconds, 0.3)
        XCTAssertEqual(peer.requests.count, 1, "timed out, not retried")
    }

    func testCancelMidStreamEndsTheStreamWithCancelledAndNothingAfter() throws {
        // Two pieces, then the server stalls for ever: the request is mid-stream when cancelled, and only the
        // cancel can end it (the idle timeout is far beyond the generous waits below).
        var stream = PeerResponse.chunks(PeerResponse.textSynthStreamObjects(["first ", "second "], finalReachedEnd: false))
        stream.steps.append(.stall)
        peer.route("POST", path, stream)
        let recorder = EventRecorder()
        let handle = makeClient(peer, idle: 600).streamCompletion(engine: "gptj_6B", request: CompletionRequest(prompt: "p"),
                                                                  onEvent: recorder.record)
        XCTAssertTrue(recorder.waitUntil { $0.count >= 2 })
        handle.cancel()
        XCTAssertEqual(recorder.waitForEnd(timeout: 10), .failed(.cancelled))
        XCTAssertTrue(handle.waitUntilFinished(timeout: 10))
        // Once the handle has finished no event may follow: the cancel event is the last and only terminal one.
        let events = recorder.events
        XCTAssertEqual(events.last, .failed(.cancelled))
        XCTAssertEqual(events.filter(\.isTerminal).count, 1, "\(events)")
        XCTAssertEqual(events.count, 3, "two chunks, then the cancel: \(events)")
        XCTAssertEqual(recorder.chunkText, "first second ")
        XCTAssertEqual(peer.requests.count, 1)
    }

    func testCancelDuringBackoffEndsTheWait() {
        // A ten-minute backoff: only the cancel can end the request within the generous wait below.
        let waits = WaitLog()
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 600, maxDelay: 600, jitter: 0, deadline: 3600,
                                 onRetry: waits.record)
        peer.route("POST", path, .error(503, "busy"))
        let box = ResultBox<CompletionAnswer>()
        let handle = makeClient(peer, retry: policy).complete(engine: "gptj_6B", request: CompletionRequest(prompt: "p")) { box.set($0) }
        XCTAssertTrue(peer.waitForRequests(1))
        // The retry is scheduled (the backoff has begun) before the cancel.
        let deadline = Date(timeIntervalSinceNow: 10)
        while waits.delays.isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        XCTAssertEqual(waits.delays, [600])
        handle.cancel()
        XCTAssertTrue(handle.waitUntilFinished(timeout: 10))
        XCTAssertEqual(box.value?.failure, .cancelled)
        XCTAssertEqual(peer.requests.count, 1, "the retry never went out")
    }

    func testCancellingTheTaskCancelsTheRequest() async throws {
        peer.route("POST", path, .stallAfterHeaders())
        let client = makeClient(peer)
        let task = Task { try await client.complete(engine: "gptj_6B", request: CompletionRequest(prompt: "p")) }
        XCTAssertTrue(peer.waitForRequests(1))
        // The peer stalls for ever: without the cancel the request could only end by the idle timeout (.timedOut).
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("expected cancellation")
        } catch {
            XCTAssertEqual(error as? APIError, .cancelled)
        }
        XCTAssertEqual(peer.requests.count, 1)
    }

    func testCancellingTheConsumerOfAnAsyncStreamThrowsCancelled() async throws {
        var stream = PeerResponse.chunks(PeerResponse.textSynthStreamObjects(["a", "b"], finalReachedEnd: false))
        stream.steps.append(.stall)
        peer.route("POST", path, stream)
        let client = makeClient(peer)
        let firstChunk = expectation(description: "first chunk")
        let task = Task {
            var count = 0
            for try await _ in client.completionStream(engine: "gptj_6B", request: CompletionRequest(prompt: "p")) {
                count += 1
                if count == 1 { firstChunk.fulfill() }
            }
            return count
        }
        await fulfillment(of: [firstChunk], timeout: 5)
        // The peer stalls for ever after two pieces: only the cancel (not the idle timeout: .timedOut) ends it.
        task.cancel()
        do {
            _ = try await task.value
            XCTFail("a cancelled stream must not look finished")
        } catch {
            XCTAssertEqual(error as? APIError, .cancelled)
        }
        XCTAssertEqual(peer.requests.count, 1)
    }

    func testLeavingAStreamEarlyCancelsTheRequest() async throws {
        var stream = PeerResponse.chunks(PeerResponse.textSynthStreamObjects(["a", "b"], finalReachedEnd: false))
        stream.steps.append(.stall)
        peer.route("POST", path, stream)
        let lines = LogLines()
        let client = TextSynthClient(baseURL: peer.baseURL, options: TransportOptions(connectTimeout: 2, idleTimeout: 5, retry: .never, log: lines.append))
        for try await _ in client.completionStream(engine: "gptj_6B", request: CompletionRequest(prompt: "p")) { break }
        let deadline = Date(timeIntervalSinceNow: 2)
        while !lines.text.contains("Cancelled"), Date() < deadline { try await Task.sleep(nanoseconds: 5_000_000) }
        XCTAssertTrue(lines.text.contains("← failed after"), lines.text)
        XCTAssertTrue(lines.text.contains("Cancelled"), lines.text)
    }

    func testCallbacksRunOffTheCallersThreadWithSIGWINCHBlocked() {
        peer.route("GET", "/v1/credits", .json(["credits": 1]))
        let seen = ResultBox<Bool>()
        let caller = pthread_self()
        let handle = makeClient(peer).credits { _ in
            var mask = sigset_t()
            pthread_sigmask(SIG_BLOCK, nil, &mask)
            seen.set(.success(pthread_equal(pthread_self(), caller) == 0 && sigismember(&mask, SIGWINCH) == 1))
        }
        XCTAssertTrue(handle.waitUntilFinished(timeout: 5))
        XCTAssertEqual(seen.value?.success, true)
    }

    func testBackoffPolicyComputesExponentialDelaysWithJitter() {
        let low = RetryPolicy(baseDelay: 2, multiplier: 2, maxDelay: 30, jitter: 0.2, random: { 0 })
        let high = RetryPolicy(baseDelay: 2, multiplier: 2, maxDelay: 30, jitter: 0.2, random: { 0.999999 })
        XCTAssertEqual(low.delay(afterAttempt: 1, retryAfter: nil), 1.6, accuracy: 1e-9)
        XCTAssertEqual(high.delay(afterAttempt: 1, retryAfter: nil), 2.4, accuracy: 1e-5)
        XCTAssertEqual(low.delay(afterAttempt: 3, retryAfter: nil), 6.4, accuracy: 1e-9)
        XCTAssertEqual(low.delay(afterAttempt: 10, retryAfter: nil), 24, accuracy: 1e-9)
        XCTAssertEqual(low.delay(afterAttempt: 1, retryAfter: 5), 5)
        XCTAssertEqual(low.delay(afterAttempt: 1, retryAfter: 500), 500)
    }
}

final class WaitLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Double] = []
    func record(_ retry: ScheduledRetry) { record(delay: retry.delay) }
    func record(delay: Double) { lock.lock(); stored.append(delay); lock.unlock() }
    var delays: [Double] { lock.lock(); defer { lock.unlock() }; return stored }
}
