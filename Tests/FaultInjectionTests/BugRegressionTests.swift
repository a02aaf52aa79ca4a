// Faults that exposed bugs in other modules (written up in /work/notes/bugs-found.md, fixed by the lead the same
// morning). Each test asserts the correct behaviour, so it fails again if the bug comes back.
import EngineServer
import Foundation
import LocalEngine
import SynthKit
import TestPeer
import XCTest

/// StreamDecoder (Sources/SynthKit/Streaming/StreamDecoder.swift).
final class BugRegressionStreamDecodingTests: PeerFaultTestCase {
    private let objects = PeerResponse.textSynthStreamObjects(["Once", " upon", " a tïme 🙂"], finalReachedEnd: false)
    private let partial = "Once upon a tïme 🙂"

    /// Invalid UTF-8 inside an answer's text is shown as U+FFFD and the stream goes on (JSONDecoder used to reject
    /// the whole object, which ended the stream with "Unreadable answer").
    func testInvalidUTF8IsShownAsReplacementCharacterAndTheStreamGoesOn() {
        let bad = Array(#"{"reached_end":false,"text":" b"#.utf8) + [0xFF] + Array(#"ad"}"#.utf8) + [10, 10]
        peer.route(path, .chunks(objects + [bad] + PeerResponse.textSynthStreamObjects(["!"])))
        let outcome = Fault.stream(Fault.client(peer))
        note("bug 2, stream: invalid UTF-8 → U+FFFD, stream goes on", saw: outcome.summary)
        XCTAssertEqual(outcome.finished?.firstText, partial + " b\u{FFFD}ad!")
        XCTAssertEqual(outcome.shownText, partial + " b\u{FFFD}ad!")
    }

    /// Answers that arrive in the same network chunk as a failing object are still delivered (feed() used to
    /// throw away the answers it had already decoded in that call: the user never saw that text).
    func testAnswersInTheSameChunkAsAFailureAreStillShown() {
        let failure = Array(#"{"error":"out of memory","status":500}"#.utf8) + [10, 10]
        peer.route(path, .chunks([objects.flatMap { $0 } + failure]))
        let outcome = Fault.stream(Fault.client(peer))
        note("bug 1, stream: answers + error object in one chunk", saw: outcome.summary)
        XCTAssertEqual(outcome.error, .streamEndedEarly(partialText: [partial], reason: "out of memory"))
        XCTAssertEqual(outcome.shownText, partial, "text that arrived was never shown")
    }

    /// A 200 HTML page (a captive portal) where a stream was expected says the answer was unreadable and shows
    /// what it was, not "the stream ended early (the last answer was cut off)".
    func testHTMLPageInsteadOfAStreamIsCalledUnreadable() {
        peer.route(path, .body("<html><head><title>Hotel Wi-Fi login</title></head><body>Please sign in</body></html>",
                               contentType: "text/html"))
        let outcome = Fault.stream(Fault.client(peer))
        note("bug 3, stream: 200 HTML page instead of a stream", saw: outcome.summary)
        guard case .undecodableAnswer(let snippet, _)? = outcome.error else {
            return XCTFail("expected an unreadable-answer error naming the page, got \(outcome.summary)")
        }
        XCTAssertTrue(snippet.contains("Hotel Wi-Fi login"), snippet)
    }
}

/// The synthpad CLI (Sources/synthpad) on top of SynthKit and TOMLKit.
final class BugRegressionCLITests: CLIFaultTestCase {
    /// A typo in a config table header ("[.backends]", "[é]") is a one-line error naming the file and line;
    /// toml++ inside TOMLKit 0.6.0 asserts there (SIGABRT), so synthpad must screen the text first (TOMLGuard).
    func testConfigTableHeaderTypoIsAnErrorNotAnAbort() throws {
        let file = synthpad.home.appendingPathComponent("typo.toml")
        try "default_backend = \"textsynth\"\n[.backends]\n".write(to: file, atomically: true, encoding: .utf8)
        synthpad.environment["SWIFT_BACKTRACE"] = "enable=no"
        let result = try synthpad.run(["complete", "--config", file.path, "--url", peer.baseURL, "Hi"])
        note("bug 4, CLI: config header typo \"[.backends]\"", saw: result.seen.prefix(160).description)
        XCTAssertFalse(result.signalled, "synthpad aborted on a config typo")
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.hasPrefix("synthpad: ") && result.stderr.contains("typo.toml:2"), result.stderr)
    }

    /// A typo in an array ("stop = [\"\\n\\n\",}") is a one-line error too, not a toml++ assertion (SIGABRT).
    func testConfigArrayTypoIsAnErrorNotAnAbort() throws {
        let file = synthpad.home.appendingPathComponent("typo.toml")
        try "[parameters]\nstop = [\"\\n\\n\",}\n".write(to: file, atomically: true, encoding: .utf8)
        synthpad.environment["SWIFT_BACKTRACE"] = "enable=no"
        let result = try synthpad.run(["complete", "--config", file.path, "--url", peer.baseURL, "Hi"])
        note("bug 4, CLI: config array typo \"stop = [..,}\"", saw: result.seen.prefix(160).description)
        XCTAssertFalse(result.signalled, "synthpad aborted on a config typo")
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.hasPrefix("synthpad: ") && result.stderr.contains("typo.toml:2"), result.stderr)
    }

    /// Text that arrived before an error object in the same chunk reaches stdout.
    func testTextBeforeAnErrorInTheSameChunkReachesStdout() throws {
        let objects = PeerResponse.textSynthStreamObjects(["Once", " upon"], finalReachedEnd: false)
        let failure = Array(#"{"error":"out of memory","status":500}"#.utf8) + [10, 10]
        peer.route(path, .chunks([objects.flatMap { $0 } + failure]))
        let result = try synthpad.run(["complete", "--url", peer.baseURL, "Hi"])
        note("bug 1, CLI: text + error object in one chunk", saw: result.seen)
        XCTAssertEqual(result.stdout, "Once upon\n")
        XCTAssertTrue(result.stderr.contains("out of memory"), result.stderr)
    }
}

/// EngineServer's request decoding (Sources/EngineServer/HTTP/RequestBodyDecoding.swift).
final class BugRegressionLocalServerTests: FaultTestCase {
    /// `"max_tokens": 100.5` is valid JSON with a wrong value: the 400 must name the field, not call the body
    /// invalid JSON (describe(_:) used to see a dataCorrupted error with an empty coding path).
    func testFractionWhereAnIntegerBelongsNamesTheField() async throws {
        let model: LocalModel
        do { model = try FaultModel.loaded.get() } catch { return XCTFail("\(error)") }
        var configuration = EngineServerConfiguration()
        configuration.stateDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("fault-\(UUID().uuidString)")
        configuration.translationEnabled = false
        let server = try EngineServer(configuration: configuration, model: model)
        let port = try await server.start()
        var seen: [String] = []
        for (field, parameters) in LocalServerFaultTests.fractionalIntegerCases() {
            var body = parameters
            body["prompt"] = "Hi"
            let reply = try await LoopbackHTTP.request(port: port, path: "/v1/engines/smollm2_135M/completions", json: body)
            XCTAssertEqual(reply.status, 400)
            XCTAssertTrue(reply.errorMessage.contains(field), "\(parameters) → \(reply.errorMessage)")
            seen.append("\(field): \(reply.errorMessage)")
        }
        await server.shutdown()
        note("bug 6, local: fraction for an integer field", saw: seen.first ?? "")
    }
}
