import Foundation
import TestPeer
import XCTest

/// The `synthpad` command line, run as a real process against the scripted test peer (a test double).
final class CompleteCommandTests: PeerCLITestCase {

    private let path = "/v1/engines/gptj_6B/completions"

    func testHelpListsEveryParameterWithRangeAndDefault() throws {
        let result = try synthpad.run(["complete", "--help"])
        XCTAssertEqual(result.status, 0)
        let help = result.stdout.replacingOccurrences(of: "\n", with: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for expected in ["--max-tokens", "--temperature", "--top-k", "--top-p", "--typical-p", "--presence-penalty",
                         "--frequency-penalty", "--repetition-penalty", "--n", "--seed", "--stop", "--logit-bias",
                         "Range 1…1000, default 40", "Range 0…1, default 0.9", "Range -2…2, default 0",
                         "Range > 0, default 1", "Range 1…16, default 1"] {
            XCTAssertTrue(help.contains(expected), "complete --help lacks \(expected)")
        }
    }

    func testOutOfRangeValueFailsBeforeAnyNetworkTraffic() throws {
        let result = try synthpad.run(["complete", "--url", peer.baseURL, "--top-k", "0", "Hello"])
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.stderr, "synthpad: top_k = 0 is out of range (allowed 1…1000)\n")
        XCTAssertTrue(peer.requests.isEmpty, "an invalid request reached the network")
    }

    func testStreamDeliveredOneBytePerChunkPrintsTheSameTextAsWhole() throws {
        let pieces = ["Once", " upon", " a tïme — 東京", " 🙂 there", " was"]
        let body = PeerResponse.textSynthStreamBody(pieces)
        peer.route(path, .split(body, every: 1), .split(body, every: body.count))
        let byteByByte = try synthpad.run(["complete", "--url", peer.baseURL, "Tell me"])
        let whole = try synthpad.run(["complete", "--url", peer.baseURL, "Tell me"])
        XCTAssertEqual(byteByByte.status, 0, byteByByte.stderr)
        XCTAssertEqual(byteByByte.stdout, pieces.joined() + "\n")
        XCTAssertEqual(whole.stdout, byteByByte.stdout)
    }

    func testSendsEveryParameterOnTheWire() throws {
        peer.route(path, .textSynthStream(["ok"]))
        let result = try synthpad.run([
            "complete", "--url", peer.baseURL, "--max-tokens", "7", "--temperature", "0.5", "--top-k", "3",
            "--top-p", "0.5", "--typical-p", "0.8", "--presence-penalty", "1", "--frequency-penalty", "-1",
            "--repetition-penalty", "1.2", "--seed", "42", "--stop", "\n\n", "--logit-bias", "44986=-100", "Hi",
        ])
        XCTAssertEqual(result.status, 0, result.stderr)
        let body = try XCTUnwrap(peer.requests(to: path).first?.json)
        XCTAssertEqual(body["prompt"] as? String, "Hi")
        XCTAssertEqual(body["max_tokens"] as? Int, 7)
        XCTAssertEqual(body["top_k"] as? Int, 3)
        XCTAssertEqual(body["seed"] as? Int, 42)
        XCTAssertEqual(body["stop"] as? [String], ["\n\n"])
        XCTAssertEqual((body["logit_bias"] as? [String: Any])?["44986"] as? Double, -100)
        XCTAssertEqual(body["stream"] as? Bool, true)
    }

    func testHTTPErrorIsOneLineWithStatusAndMessage() throws {
        peer.route(path, .error(400, "invalid engine parameter"))
        let result = try synthpad.run(["complete", "--url", peer.baseURL, "Hi"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("synthpad: "), result.stderr)
        XCTAssertTrue(result.stderr.contains("400") && result.stderr.contains("invalid engine parameter"), result.stderr)
        XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1, "more than one line: \(result.stderr)")
    }

    func testJSONModePrintsOneObjectPerStreamedAnswer() throws {
        peer.route(path, .textSynthStream(["a", "b"]))
        let result = try synthpad.run(["complete", "--url", peer.baseURL, "--json", "Hi"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n")
        XCTAssertGreaterThanOrEqual(lines.count, 2)
        for line in lines { XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(line.utf8))) }
    }

    func testCtrlCDuringAStreamCancelsAndExits130() throws {
        peer.route(path, .textSynthStream(Array(repeating: "tick ", count: 200), pause: 0.05))
        let result = try synthpad.run(["complete", "--url", peer.baseURL, "Hi"], timeout: 60, interruptAfter: 1.0)
        XCTAssertEqual(result.status, 130, result.stderr)
        XCTAssertFalse(result.signalled, "ended by its own exit, not by the runner's SIGKILL")
        XCTAssertTrue(result.stdout.hasPrefix("tick "), "the text streamed before Ctrl-C is kept")
        // Ctrl-C ended the stream, not its end: fewer than the 200 ticks were written.
        let ticks = result.stdout.components(separatedBy: "tick ").count - 1
        XCTAssertLessThan(ticks, 200, result.stdout)
    }
}
