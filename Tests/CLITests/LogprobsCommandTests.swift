import Foundation
import TestPeer
import XCTest

/// `complete --logprobs N` and `chat --logprobs N` against the scripted peer: the capability rule (the field goes
/// only to engines whose `GET /v1/engines` lists token_logprobs), OpenAI's mapping, and the token table.
final class LogprobsCommandTests: PeerCLITestCase {
    private let completions = "/v1/engines/gptj_6B/completions"

    private func listEngines(capabilities: [String]) {
        peer.route("GET", "/v1/engines", .json(["engines": [["id": "gptj_6B", "kind": "completion",
                                                             "capabilities": capabilities]]]))
    }

    private static func token(_ id: Int, _ text: String, bytes: [UInt8]? = nil, logprob: Double, model: Double,
                              top: [(Int, String, Double)]) -> [String: Any] {
        ["id": id, "text": text, "bytes": (bytes ?? Array(text.utf8)).map(Int.init), "logprob": logprob,
         "model_logprob": model, "top_logprobs": top.map { ["id": $0.0, "text": $0.1, "logprob": $0.2] }]
    }

    /// A TextSynth stream of two pieces, each with its tokens (the second ends inside "東": bytes e6 9d).
    private func routeStreamWithTokens() {
        let first: [String: Any] = ["text": " Paris", "reached_end": false, "tokens": [
            Self.token(7042, " Paris", logprob: -0.105, model: -1.5, top: [(7042, " Paris", -0.105), (2906, " the", -2.3)]),
        ]]
        let second: [String: Any] = ["text": "\n", "reached_end": true, "input_tokens": 5, "output_tokens": 3, "tokens": [
            Self.token(198, "\n", logprob: 0, model: -0.2, top: [(198, "\n", 0)]),
            Self.token(30, "\u{FFFD}", bytes: [0xE6, 0x9D], logprob: -0.7, model: -0.9, top: [(30, "\u{FFFD}", -0.7)]),
        ]]
        let chunks = [first, second].map { object in
            Array((try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()) + Array("\n\n".utf8)
        }
        // One write for both: they arrive in one read and are joined into one piece, tokens and all.
        peer.route(completions, .chunks([chunks.flatMap { $0 }]))
    }

    func testEngineThatDoesNotListTheCapabilityNeverReceivesTheField() throws {
        listEngines(capabilities: ["completions", "logprob", "tokenize"])
        peer.route(completions, .textSynthStream(["ok"]))
        let refused = try synthpad.run(["complete", "--url", peer.baseURL, "--logprobs", "3", "Hi"])
        XCTAssertEqual(refused.status, 64, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("engine gptj_6B on \(peer.baseURL) does not give per-token log-probabilities"),
                      refused.stderr)
        XCTAssertTrue(refused.stderr.contains("synthpad score"), refused.stderr)
        XCTAssertTrue(peer.requests(to: completions).isEmpty, "the completion was sent to an engine that cannot answer it")
        let plain = try synthpad.run(["complete", "--url", peer.baseURL, "Hi"])
        XCTAssertEqual(plain.status, 0, plain.stderr)
        let bodies = peer.requests(to: completions).compactMap(\.json)
        XCTAssertEqual(bodies.count, 1)
        XCTAssertTrue(bodies.allSatisfy { $0["top_logprobs"] == nil }, "top_logprobs reached a server that does not know it")
    }

    func testServerWithoutAnEngineListIsRefusedLikeTheCloud() throws {
        // The peer answers GET /v1/engines with 404, as TextSynth's cloud does.
        peer.route(completions, .textSynthStream(["ok"]))
        let result = try synthpad.run(["chat", "--url", peer.baseURL, "--logprobs", "0", "Hi"])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.contains("does not give per-token log-probabilities"), result.stderr)
        XCTAssertTrue(peer.requests.allSatisfy { $0.method == "GET" }, "only the engine list was asked")
    }

    func testOutOfRangeCountIsRefusedBeforeAnyNetworkTraffic() throws {
        for (value, shown) in [("21", "21"), ("-1", "-1")] {
            let result = try synthpad.run(["complete", "--url", peer.baseURL, "--logprobs=\(value)", "Hi"])
            XCTAssertEqual(result.status, 64, result.stderr)
            XCTAssertEqual(result.stderr, "synthpad: top_logprobs = \(shown) is out of range (allowed 0…20)\n")
        }
        XCTAssertTrue(peer.requests.isEmpty, "an invalid request reached the network")
    }

    func testTableFollowsTheTextWithEveryTokenAndPartialCharactersAsBytes() throws {
        listEngines(capabilities: ["completions", "token_logprobs"])
        routeStreamWithTokens()
        let result = try synthpad.run(["complete", "--url", peer.baseURL, "--logprobs", "2", "The capital of France is"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try XCTUnwrap(peer.requests(to: completions).first?.json)["top_logprobs"] as? Int, 2)
        XCTAssertTrue(result.stdout.hasPrefix(" Paris\n\n\n#"), "the text, its newline, a blank line: \(result.stdout)")
        let rows = result.stdout.split(separator: "\n").suffix(4).map { squeezed(String($0)) }
        XCTAssertEqual(rows[0].split(separator: " ").map(String.init), ["#", "token", "prob", "logprob", "model", "alternatives"])
        XCTAssertTrue(rows[1].hasPrefix("1 \" Paris\""), rows[1])
        XCTAssertTrue(rows[1].contains("90.0% -0.1050 -1.5000 \" Paris\" 90.0% \" the\" 10.0%"), rows[1])
        XCTAssertTrue(rows[2].hasPrefix("2 \"\\n\""), "a newline token is shown escaped: \(rows[2])")
        XCTAssertTrue(rows[2].contains("100.0% 0.0000 -0.2000"), rows[2])
        XCTAssertTrue(rows[3].hasPrefix("3 <e6 9d> 49.7%"), "a partial character is shown as its bytes: \(rows[3])")
    }

    func testAStreamCutShortKeepsTheTableOfWhatArrived() throws {
        listEngines(capabilities: ["token_logprobs"])
        let piece: [String: Any] = ["text": " Paris", "reached_end": false, "tokens": [
            Self.token(7042, " Paris", logprob: -0.105, model: -1.5, top: [(7042, " Paris", -0.105)]),
        ]]
        let bytes = Array(try JSONSerialization.data(withJSONObject: piece, options: [.sortedKeys])) + Array("\n\n".utf8)
        peer.route(completions, .chunks([bytes]))  // then the connection closes, before reached_end
        let result = try synthpad.run(["complete", "--url", peer.baseURL, "--retries", "0", "--logprobs", "1", "Hi"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix(" Paris\n\n#"), result.stdout)
        XCTAssertTrue(squeezed(result.stdout).contains("1 \" Paris\" 90.0% -0.1050 -1.5000 \" Paris\" 90.0%"), result.stdout)
    }

    func testJSONLinesCarryEachPiecesTokens() throws {
        listEngines(capabilities: ["token_logprobs"])
        routeStreamWithTokens()
        let result = try synthpad.run(["complete", "--url", peer.baseURL, "--json", "--logprobs", "2", "Hi"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let tokens = lines.compactMap { $0?["tokens"] as? [[String: Any]] }
        XCTAssertEqual(tokens.flatMap { $0 }.compactMap { $0["id"] as? Int }, [7042, 198, 30])
        XCTAssertFalse(result.stdout.contains("alternatives"), "no table in JSON mode")
    }

    func testOpenAIChatAsksWithItsOwnFieldsAndTheTableReadsItsLogprobs() throws {
        let chunk: [String: Any] = ["choices": [["index": 0, "delta": ["content": "Hi"], "finish_reason": "stop",
                                                 "logprobs": ["content": [["token": "Hi", "logprob": -0.5, "bytes": [72, 105],
                                                                           "top_logprobs": [["token": "Hi", "logprob": -0.5],
                                                                                            ["token": "Hello", "logprob": -1.2]]]]]]]]
        let data = try JSONSerialization.data(withJSONObject: chunk, options: [.sortedKeys])
        let body = "data: \(String(decoding: data, as: UTF8.self))\n\ndata: [DONE]\n\n"
        peer.route("/v1/chat/completions", .body(body, contentType: "text/event-stream"))
        let result = try synthpad.run(["chat", "--api", "openai", "--url", peer.baseURL + "/v1", "--engine", "m",
                                       "--logprobs", "2", "Hello"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let sent = try XCTUnwrap(peer.requests(to: "/v1/chat/completions").first?.json)
        XCTAssertEqual(sent["logprobs"] as? Bool, true)
        XCTAssertEqual(sent["top_logprobs"] as? Int, 2)
        XCTAssertTrue(peer.requests(to: "/v1/engines").isEmpty, "an OpenAI server is not asked for TextSynth's list")
        XCTAssertTrue(result.stdout.hasPrefix("Hi\n\n"), result.stdout)
        XCTAssertTrue(squeezed(result.stdout).contains("1 \"Hi\" 60.7% -0.5000 -0.5000 \"Hi\" 60.7% \"Hello\" 30.1%"), result.stdout)
    }

    func testOpenAICompletionsAskWithTheCount() throws {
        let chunk = #"{"choices":[{"index":0,"text":" a","finish_reason":"length","logprobs":{"tokens":[" a"],"token_logprobs":[-0.25],"top_logprobs":[{" a":-0.25," b":-2.0}]}}]}"#
        peer.route("/v1/completions", .body("data: \(chunk)\n\ndata: [DONE]\n\n", contentType: "text/event-stream"))
        let result = try synthpad.run(["complete", "--api", "openai", "--url", peer.baseURL + "/v1", "--engine", "m",
                                       "--logprobs", "1", "x"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try XCTUnwrap(peer.requests(to: "/v1/completions").first?.json)["logprobs"] as? Int, 1)
        XCTAssertTrue(squeezed(result.stdout).contains("1 \" a\" 77.9% -0.2500 -0.2500 \" a\" 77.9% \" b\" 13.5%"), result.stdout)
    }
}

/// A table line with each run of spaces as one, so assertions read the cells and not the padding.
func squeezed(_ text: String) -> String {
    text.replacingOccurrences(of: " {2,}", with: " ", options: .regularExpression)
}
