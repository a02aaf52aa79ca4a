// `synthpad complete` (the real binary) against a misbehaving peer (TestPeer, a test double): the text that
// arrived stays on stdout, one clear line goes to stderr, the exit code says it failed, and nothing crashes.
import Foundation
import TestPeer
import XCTest

final class CLIFaultTests: CLIFaultTestCase {
    private var pieces: [String] { ["Once", " upon", " a tïme 🙂"] }

    private func complete() throws -> SynthpadProcess.Result {
        try synthpad.run(["complete", "--url", peer.baseURL, "Tell me"])
    }

    /// One line on stderr, starting with "synthpad: ".
    /// The failure is one clear last line; any line before it is a retry told as it happened
    /// (`synthpad: Server error (503): …; retrying 2/4 in 1 s (Ctrl-C stops)`), `retries` of them.
    private func assertOneClearLine(_ result: SynthpadProcess.Result, mentions words: [String], retries: Int = 0,
                                    file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(result.signalled, "synthpad crashed: \(result.seen)", file: file, line: line)
        XCTAssertEqual(result.status, 1, result.seen, file: file, line: line)
        let lines = result.stderr.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, retries + 1, result.stderr, file: file, line: line)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("synthpad: ") }, result.stderr, file: file, line: line)
        for (k, retry) in lines.dropLast().enumerated() {
            XCTAssertTrue(retry.contains("retrying \(k + 2)/\(retries + 1) in"), String(retry), file: file, line: line)
        }
        let last = String(lines.last ?? "")
        for word in words { XCTAssertTrue(last.contains(word), "\(word) missing: \(result.stderr)", file: file, line: line) }
    }

    func testDroppedMidStreamKeepsTheTextOnStdout() throws {
        var response = PeerResponse.chunks(PeerResponse.textSynthStreamObjects(pieces, finalReachedEnd: false))
        response.steps.append(.drop)
        peer.route(path, response)
        let result = try complete()
        note("CLI: connection dropped mid-stream", saw: result.seen)
        XCTAssertEqual(result.stdout, pieces.joined() + "\n")
        assertOneClearLine(result, mentions: ["ended early"])
        XCTAssertEqual(peer.requests.count, 1)
    }

    func testNeverReachedEndKeepsTheTextAndSaysSo() throws {
        peer.route(path, .chunks(PeerResponse.textSynthStreamObjects(pieces, finalReachedEnd: false)))
        let result = try complete()
        note("CLI: stream never sends reached_end", saw: result.seen)
        XCTAssertEqual(result.stdout, pieces.joined() + "\n")
        assertOneClearLine(result, mentions: ["ended early", "no final answer"])
    }

    func testInvalidUTF8NeverCrashesTheCLI() throws {
        let bad = Array(#"{"reached_end":false,"text":" b"#.utf8) + [0xFF] + Array(#"ad"}"#.utf8) + [10, 10]
        peer.route(path, .chunks(PeerResponse.textSynthStreamObjects(pieces, finalReachedEnd: false)
                                 + [bad] + PeerResponse.textSynthStreamObjects(["!"])))
        let result = try complete()
        note("CLI: invalid UTF-8 in the stream", saw: result.seen)
        XCTAssertFalse(result.signalled, "synthpad crashed")
        XCTAssertTrue(result.stdout.hasPrefix(pieces.joined()), result.seen)
        XCTAssertNotNil(String(data: result.stdoutBytes, encoding: .utf8), "stdout must stay valid UTF-8")
    }

    func test503IsRetriedThenReportedWithStatusAndMessage() throws {
        peer.route(path, .error(503, "engine overloaded", headers: ["Retry-After": "0"]))
        let result = try complete()
        note("CLI: 503 every time (Retry-After: 0)", saw: result.seen + ", \(peer.requests.count) attempts")
        XCTAssertEqual(result.stdout, "")
        assertOneClearLine(result, mentions: ["503", "engine overloaded"], retries: 3)
        XCTAssertEqual(peer.requests.count, 4, "the CLI makes 4 attempts at a 503")
    }

    func test429WithRetryAfterIsWaitedOutThenStreams() throws {
        peer.route(path, .error(429, "slow down", headers: ["Retry-After": "1"]), .textSynthStream(pieces))
        let started = Date()
        let result = try complete()
        let elapsed = Date().timeIntervalSince(started)
        note("CLI: 429 + Retry-After: 1, then stream", saw: result.seen + String(format: " after %.1f s", elapsed))
        XCTAssertEqual(result.status, 0, result.seen)
        XCTAssertEqual(result.stdout, pieces.joined() + "\n")
        XCTAssertGreaterThan(elapsed, 0.95)
    }

    func testHTMLErrorPageIsOneReadableLine() throws {
        peer.route(path, .body("<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n"
                               + "<hr><center>nginx</center>\n</body>\n</html>\n", status: 502, contentType: "text/html",
                               headers: ["Retry-After": "0"]))
        let result = try complete()
        note("CLI: HTML 502 page", saw: result.seen)
        assertOneClearLine(result, mentions: ["502", "Bad Gateway"], retries: 3)
        XCTAssertFalse(result.stderr.contains("<"), "HTML tags reached the user: \(result.stderr)")
    }

    func test498SaysCaptcha() throws {
        peer.route(path, .error(498, "please validate the captcha"))
        let result = try complete()
        note("CLI: 498", saw: result.seen)
        assertOneClearLine(result, mentions: ["498", "captcha"])
        XCTAssertEqual(peer.requests.count, 1)
    }
}
