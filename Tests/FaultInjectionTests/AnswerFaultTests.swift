// Error statuses, retries and broken whole answers from a scripted peer (TestPeer, a test double),
// through the real client: each must end as one clear error naming the status and the server's message.
import Foundation
import SynthKit
import TestPeer
import XCTest

final class AnswerFaultTests: PeerFaultTestCase {
    private let ok = PeerResponse.json(["text": "fine", "reached_end": true])

    private func describe(_ result: Result<CompletionAnswer, APIError>?) -> String {
        switch result {
        case .success(let answer)?: "answer \"\(answer.firstText.prefix(30))\" (\(answer.firstText.utf8.count) bytes)"
        case .failure(let error)?: "error: \(error)"
        case nil: "no answer (hung)"
        }
    }

    func test429WithRetryAfterIsRetriedAfterTheServersWait() {
        let log = RetryLog()
        // The policy alone would wait 5 s: a shorter gap proves the server's Retry-After won.
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 5, jitter: 0, deadline: 20, onRetry: log.record)
        peer.route(path, .error(429, "slow down", headers: ["Retry-After": "1"]), ok)
        let result = Fault.complete(Fault.client(peer, retry: policy))
        note("429 + Retry-After: 1, then 200", saw: describe(result) + ", retried after \(log.retries.map(\.delay)) s")
        XCTAssertEqual(result?.successValue?.firstText, "fine")
        XCTAssertEqual(log.retries.map(\.delay), [1])
        XCTAssertEqual(log.retries.first?.error, .rateLimited(message: "slow down", retryAfter: 1))
        let times = peer.requests(to: path).map(\.receivedAt)
        XCTAssertEqual(times.count, 2)
        if times.count == 2 {
            // The wait chosen was the server's 1 s (asserted above), not the policy's 5 s.
            XCTAssertGreaterThan(times[1].timeIntervalSince(times[0]), 0.95, "the Retry-After wait was not honoured")
        }
    }

    func test429ForStreamIsRetriedBeforeAnyTextArrives() {
        let log = RetryLog()
        let policy = RetryPolicy(maxAttempts: 2, baseDelay: 5, jitter: 0, deadline: 20, onRetry: log.record)
        peer.route(path, .error(429, "slow down", headers: ["Retry-After": "0.3"]), .textSynthStream(["a", "b"]))
        let outcome = Fault.stream(Fault.client(peer, retry: policy))
        note("stream: 429 + Retry-After: 0.3, then stream", saw: outcome.summary)
        XCTAssertEqual(outcome.finished?.firstText, "ab")
        XCTAssertEqual(outcome.shownText, "ab", "the retried stream must not show text twice")
        XCTAssertEqual(log.retries.map(\.delay), [0.3])
    }

    func test429WhenTheBudgetIsSpentSaysRateLimitedWithTheWait() {
        let policy = RetryPolicy(maxAttempts: 2, baseDelay: 0.05, jitter: 0, deadline: 20)
        peer.route(path, .error(429, "quota exceeded", headers: ["Retry-After": "0.1"]))
        let result = Fault.complete(Fault.client(peer, retry: policy))
        note("429 every time (2 attempts)", saw: describe(result))
        XCTAssertEqual(result?.failureValue, .rateLimited(message: "quota exceeded", retryAfter: 0.1))
        XCTAssertTrue(describe(result).contains("429") && describe(result).contains("quota exceeded"))
        XCTAssertEqual(peer.requests.count, 2)
    }

    func test500Then503AreRetriedThenTheLastOneIsReported() {
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 0.05, jitter: 0, deadline: 20)
        peer.route(path, .error(500, "internal error"), .error(503, "overloaded"))
        let result = Fault.complete(Fault.client(peer, retry: policy))
        note("500 then 503 (3 attempts)", saw: describe(result))
        XCTAssertEqual(result?.failureValue, .serverError(status: 503, message: "overloaded"))
        XCTAssertTrue(describe(result).contains("503") && describe(result).contains("overloaded"))
        XCTAssertEqual(peer.requests.count, 3)
    }

    func test503ThenSuccessRecovers() {
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 0.05, jitter: 0, deadline: 20)
        peer.route(path, .error(503, "warming up"), ok)
        let result = Fault.complete(Fault.client(peer, retry: policy))
        note("503 then 200", saw: describe(result))
        XCTAssertEqual(result?.successValue?.firstText, "fine")
    }

    func test498AsksForCaptchaAndIsNotRetried() {
        let policy = RetryPolicy(maxAttempts: 3, baseDelay: 0.05, jitter: 0, deadline: 20)
        peer.route(path, .error(498, "captcha validation required"))
        let result = Fault.complete(Fault.client(peer, retry: policy))
        note("498 captcha", saw: describe(result))
        XCTAssertEqual(result?.failureValue, .captchaRequired(message: "captcha validation required"))
        XCTAssertTrue(describe(result).contains("498") && describe(result).contains("captcha"))
        XCTAssertEqual(peer.requests.count, 1)
    }

    func testTruncatedJSONAnswerIsUnreadableWithASnippet() {
        peer.route(path, .body(#"{"text":"half an ans"#))
        let result = Fault.complete(Fault.client(peer))
        note("whole answer: truncated JSON", saw: describe(result))
        guard case .undecodableAnswer(let snippet, _)? = result?.failureValue else {
            return XCTFail("expected unreadable, got \(describe(result))")
        }
        XCTAssertTrue(snippet.contains("half an ans"))
    }

    func testTenMegabyteWholeAnswerArrivesIntact() {
        let text = String(repeating: "naïve 東京 🙂 text ", count: 420_000)
        peer.route(path, .json(["text": text, "reached_end": true]))
        let started = Date()
        let result = Fault.complete(Fault.client(peer), timeout: 30)
        note("whole answer: one 10 MB object",
             saw: describe(result) + String(format: " in %.1f s", Date().timeIntervalSince(started)))
        XCTAssertEqual(result?.successValue?.firstText.utf8.count, text.utf8.count)
        XCTAssertTrue(result?.successValue?.firstText == text)
    }

    func testWrongContentTypeWithValidJSONIsAccepted() {
        peer.route(path, .body(#"{"text":"ok","reached_end":true}"#, contentType: "text/html"))
        let result = Fault.complete(Fault.client(peer))
        note("whole answer: wrong content type, valid JSON", saw: describe(result))
        XCTAssertEqual(result?.successValue?.firstText, "ok")
    }

    func testHTMLPageWithStatus200IsUnreadableNotACrash() {
        peer.route(path, .body("<html><head><title>Hotel Wi-Fi login</title></head><body>Please sign in</body></html>",
                               contentType: "text/html"))
        let result = Fault.complete(Fault.client(peer))
        note("whole answer: 200 HTML page (captive portal)", saw: describe(result))
        guard case .undecodableAnswer(let snippet, _)? = result?.failureValue else {
            return XCTFail("expected unreadable, got \(describe(result))")
        }
        XCTAssertEqual(snippet, "Hotel Wi-Fi login Please sign in")
    }

    func testHTMLErrorPageGivesStatusAndItsText() {
        peer.route(path, .body("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>",
                               status: 503, contentType: "text/html"))
        let result = Fault.complete(Fault.client(peer))
        note("whole answer: HTML error page (503)", saw: describe(result))
        XCTAssertEqual(result?.failureValue, .serverError(status: 503, message: "503 Service Temporarily Unavailable"))
    }

    func testConnectionDroppedInsideTheBodyIsConnectionLost() {
        var response = PeerResponse.body(#"{"text":"never finished","reached_end":true}"#)
        response.steps = [.send(Array(#"{"text":"never"#.utf8)), .drop]
        response.framing = .chunked  // the missing last chunk is what marks the body unfinished
        peer.route(path, response)
        let result = Fault.complete(Fault.client(peer))
        note("whole answer: connection dropped inside body", saw: describe(result))
        guard case .connectionLost(let url, _)? = result?.failureValue else {
            return XCTFail("expected connection lost, got \(describe(result))")
        }
        XCTAssertTrue(url.hasSuffix(path))
    }

    func testStallLongerThanTheIdleTimeoutTimesOut() {
        peer.route(path, PeerResponse(status: 200, headers: ["Content-Type": "application/json"],
                                      steps: [.send(Array("{".utf8)), .stall], framing: .chunked))
        let started = Date()
        let result = Fault.complete(Fault.client(peer, idle: 0.5))
        let elapsed = Date().timeIntervalSince(started)
        note("whole answer: stall > idle timeout", saw: describe(result) + String(format: " after %.1f s", elapsed))
        // The peer stalls for ever: only the 0.5 s idle timeout can end it (Fault.complete waits up to 10 s).
        XCTAssertEqual(result?.failureValue, .timedOut(url: peer.baseURL + path, seconds: 0.5))
        XCTAssertEqual(peer.requests(to: path).count, 1)
    }
}
