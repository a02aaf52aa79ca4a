// A misbehaving TextSynth peer (TestPeer, a test double) against the real streaming client: every break must
// end in exactly one clear event, with the text that already arrived kept intact.
import Foundation
import SynthKit
import TestPeer
import XCTest

final class StreamFaultTests: PeerFaultTestCase {

    private var objects: [[UInt8]] { PeerResponse.textSynthStreamObjects(["Once", " upon", " a tïme 🙂"], finalReachedEnd: false) }
    private var partial: String { "Once upon a tïme 🙂" }

    func testTruncatedLastObjectKeepsTheTextAndSaysItWasCutOff() {
        let cut = Array(#"{"reached_end":true,"text":" the e"#.utf8)
        peer.route(path, .chunks(objects + [cut]))
        let outcome = Fault.stream(Fault.client(peer))
        note("stream: truncated JSON object at end", saw: outcome.summary)
        XCTAssertEqual(outcome.shownText, partial)
        XCTAssertEqual(outcome.terminalCount, 1)
        XCTAssertEqual(outcome.error, .streamEndedEarly(partialText: [partial], reason: "the last answer was cut off"))
    }

    func testTruncatedObjectInTheMiddleStopsWithASnippetOfIt() {
        let broken = Array(#"{"text":" dra"#.utf8) + Array("\n\n".utf8)
        peer.route(path, .chunks(objects + [broken] + PeerResponse.textSynthStreamObjects(["gon"])))
        let outcome = Fault.stream(Fault.client(peer))
        note("stream: truncated JSON object mid-stream", saw: outcome.summary)
        XCTAssertEqual(outcome.shownText, partial)
        XCTAssertEqual(outcome.terminalCount, 1)
        guard case .undecodableAnswer(let snippet, _)? = outcome.error else {
            return XCTFail("expected an unreadable-answer error, got \(outcome.summary)")
        }
        XCTAssertTrue(snippet.contains("dra"), snippet)
    }

    /// Whatever the decoder makes of invalid UTF-8, the text before it survives and the stream ends once.
    /// (That it shows U+FFFD and goes on is asserted in BugRegressionStreamDecodingTests.)
    func testInvalidUTF8NeverCrashesAndKeepsTheTextBefore() {
        let bad = Array(#"{"reached_end":false,"text":" b"#.utf8) + [0xFF, 0xC3] + Array(#"ad"}"#.utf8) + [10, 10]
        peer.route(path, .chunks(objects + [bad] + PeerResponse.textSynthStreamObjects(["!"])))
        let outcome = Fault.stream(Fault.client(peer))
        note("stream: invalid UTF-8 in a string", saw: outcome.summary)
        XCTAssertTrue(outcome.shownText.hasPrefix(partial), outcome.summary)
        XCTAssertEqual(outcome.terminalCount, 1)
    }

    func testUTF8CharacterSplitAcrossChunksArrivesWhole() {
        let body = PeerResponse.textSynthStreamBody(["東京", " 🙂", " é"])
        peer.route(path, .split(body, every: 3))
        let outcome = Fault.stream(Fault.client(peer))
        note("stream: UTF-8 split across chunks (3-byte chunks)", saw: outcome.summary)
        XCTAssertEqual(outcome.shownText, "東京 🙂 é")
        XCTAssertEqual(outcome.finished?.firstText, "東京 🙂 é")
    }

    func testConnectionDroppedMidStreamKeepsWhatArrived() {
        var response = PeerResponse.chunks(objects)
        response.steps.append(.drop)
        peer.route(path, response)
        let outcome = Fault.stream(Fault.client(peer))
        note("stream: connection dropped mid-stream", saw: outcome.summary)
        XCTAssertEqual(outcome.shownText, partial)
        XCTAssertEqual(outcome.terminalCount, 1)
        guard case .streamEndedEarly(let text, let reason)? = outcome.error else {
            return XCTFail("expected streamEndedEarly, got \(outcome.summary)")
        }
        XCTAssertEqual(text, [partial])
        XCTAssertFalse(reason.isEmpty)
        XCTAssertEqual(peer.requests.count, 1, "a stream that began must not be retried (it would repeat text)")
    }

    func testStallLongerThanTheIdleTimeoutEndsPromptlyWithTheText() {
        var response = PeerResponse.chunks(objects)
        response.steps.append(.stall)
        peer.route(path, response)
        let outcome = Fault.stream(Fault.client(peer, idle: 0.5))
        note("stream: stall > idle timeout (0.5 s)", saw: outcome.summary + String(format: " after %.1f s", outcome.elapsed))
        XCTAssertEqual(outcome.shownText, partial)
        XCTAssertEqual(outcome.error, .streamEndedEarly(partialText: [partial], reason: "no data for 0.5 s"))
        XCTAssertGreaterThan(outcome.elapsed, 0.45)
        XCTAssertEqual(outcome.terminalCount, 1)
    }

    func testStallRightAfterTheHeadersTimesOut() {
        peer.route(path, .stallAfterHeaders())
        let outcome = Fault.stream(Fault.client(peer, idle: 0.5))
        note("stream: stall right after headers", saw: outcome.summary)
        guard case .timedOut(let url, let seconds)? = outcome.error else {
            return XCTFail("expected a time-out, got \(outcome.summary)")
        }
        XCTAssertEqual(seconds, 0.5)
        XCTAssertTrue(url.hasSuffix(path))
        XCTAssertEqual(outcome.terminalCount, 1)
    }

    func testStreamThatNeverSaysReachedEndIsReportedWithItsText() {
        peer.route(path, .chunks(objects))
        let outcome = Fault.stream(Fault.client(peer))
        note("stream: never sends reached_end", saw: outcome.summary)
        XCTAssertEqual(outcome.shownText, partial)
        XCTAssertEqual(outcome.error, .streamEndedEarly(partialText: [partial], reason: "no final answer"))
    }

    func testErrorObjectInsideA200StreamKeepsTheTextAndGivesTheReason() {
        let failure = Array(#"{"error":"out of memory","status":500}"#.utf8) + [10, 10]
        peer.route(path, .chunks(objects + [failure]))
        let outcome = Fault.stream(Fault.client(peer))
        note("stream: error object inside a 200 stream", saw: outcome.summary)
        XCTAssertEqual(outcome.shownText, partial)
        XCTAssertEqual(outcome.error, .streamEndedEarly(partialText: [partial], reason: "out of memory"))
    }

    func testSlowDripOfOneBytePer50msWorks() {
        let body = PeerResponse.textSynthStreamBody(["Hé 🙂"])
        peer.route(path, .split(body, every: 1, pause: 0.05))
        let outcome = Fault.stream(Fault.client(peer, idle: 1), timeout: 15)
        note("stream: slow drip, 1 byte / 50 ms (\(body.count) bytes)",
             saw: outcome.summary + String(format: " after %.1f s", outcome.elapsed))
        XCTAssertEqual(outcome.finished?.firstText, "Hé 🙂")
        XCTAssertEqual(outcome.shownText, "Hé 🙂")
        XCTAssertGreaterThan(outcome.elapsed, Double(body.count - 1) * 0.05 * 0.9, "the drip was not slow")
    }

    func testTenMegabyteSingleObjectStreamsWhole() {
        let text = String(repeating: "naïve 東京 🙂 text ", count: 420_000)  // ~10 MB of UTF-8
        let body = PeerResponse.textSynthStreamBody([text])
        XCTAssertGreaterThan(body.count, 10_000_000)
        peer.route(path, .split(body, every: 65_536))
        let outcome = Fault.stream(Fault.client(peer), timeout: 30)
        note("stream: one 10 MB object (\(body.count / 1_000_000) MB)",
             saw: "finished \(outcome.finished?.firstText.utf8.count ?? 0) bytes of text" + String(format: " in %.1f s", outcome.elapsed))
        XCTAssertEqual(outcome.finished?.firstText.utf8.count, text.utf8.count)
        XCTAssertTrue(outcome.finished?.firstText == text)
    }

    func testWrongContentTypeWithAValidStreamStillWorks() {
        var response = PeerResponse.textSynthStream(["plain", " text"])
        response.headers["Content-Type"] = "text/plain; charset=iso-8859-1"
        peer.route(path, response)
        let outcome = Fault.stream(Fault.client(peer))
        note("stream: wrong content type, valid body", saw: outcome.summary)
        XCTAssertEqual(outcome.finished?.firstText, "plain text")
    }

    func testHTMLErrorPageSaysStatusAndTitle() {
        peer.route(path, .body("<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title><style>body{}</style></head>\n\n"
                               + "<body><h1>Bad Gateway</h1><p>nginx</p></body></html>", status: 502, contentType: "text/html"))
        let outcome = Fault.stream(Fault.client(peer))
        note("stream: HTML error page (502)", saw: outcome.summary)
        XCTAssertEqual(outcome.shownText, "")
        XCTAssertEqual(outcome.error, .serverError(status: 502, message: "502 Bad Gateway Bad Gateway nginx"))
    }
}
