// synthpad's `top_logprobs` extension on the TextSynth routes: per-token probabilities on the real model, over HTTP.

import Foundation
import TestPeer
import XCTest
@testable import EngineServer

final class TokenLogprobsEndpointTests: XCTestCase {
    private var server: EngineServer!
    private var port = 0

    override func setUp() async throws {
        (server, port) = try await SharedModel.startServer()
    }

    override func tearDown() async throws {
        await server?.shutdown()
    }

    private func post(_ endpoint: String, _ json: [String: Any]) async throws -> HTTPReply {
        try await LoopbackHTTP.request(port: port, path: "/v1/engines/smollm2_135M/\(endpoint)", json: json)
    }

    /// The objects of a streamed TextSynth answer.
    private func pieces(_ reply: HTTPReply) throws -> [[String: Any]] {
        try reply.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }.map {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    private func tokens(_ json: [String: Any], file: StaticString = #filePath, line: UInt = #line) throws -> [[String: Any]] {
        try XCTUnwrap(json["tokens"] as? [[String: Any]], "\(json)", file: file, line: line)
    }

    func testModelLogprobsOfAGreedyCompletionSumToWhatLogprobSays() async throws {
        let prompt = "The capital of France is"
        let reply = try await post("completions", ["prompt": prompt, "max_tokens": 8, "top_k": 1, "top_logprobs": 3])
        XCTAssertEqual(reply.status, 200, reply.text)
        let json = try reply.json()
        let text = try XCTUnwrap(json["text"] as? String)
        let tokens = try tokens(json)
        XCTAssertEqual(tokens.count, json["output_tokens"] as? Int, "8 tokens, none of them an end token")
        // `/logprob` tokenizes the continuation afresh: its sum is over the same tokens only if the generated text
        // tokenizes back into the generated ids (greedy text from this prompt does). Were it to split differently, the
        // two sums would score different token sequences and could not be compared.
        let retokenized = try await post("tokenize", ["text": text])
        XCTAssertEqual(try retokenized.json()["tokens"] as? [Int], tokens.compactMap { $0["id"] as? Int })
        let scored = try await post("logprob", ["context": prompt, "continuation": text])
        let expected = try XCTUnwrap(try scored.json()["logprob"] as? Double, scored.text)
        // `/logprob` scores with the raw model distribution: `model_logprob`, not the (greedy, so 0) sampling `logprob`.
        let sum = tokens.reduce(0.0) { $0 + ($1["model_logprob"] as? Double ?? .nan) }
        XCTAssertEqual(sum, expected, accuracy: 1e-3)
        XCTAssertLessThan(sum, -1e-3, "the model is not certain of every token")
        XCTAssertEqual(try scored.json()["is_greedy"] as? Bool, true)
        // The bytes of the tokens are the text.
        XCTAssertEqual(String(decoding: tokens.flatMap { ($0["bytes"] as? [Int] ?? []).map(UInt8.init) }, as: UTF8.self),
                       text)
    }

    /// Token surgery as the inspector does it (b): the same request and seed with one written token banned. It
    /// never occurs again, and the answer is the same up to where it stood.
    func testABannedTokenWithTheSameSeedNeverOccursAndTheAnswerAgreesUpToIt() async throws {
        let request: [String: Any] = ["prompt": "My favourite colours are", "max_tokens": 12, "top_k": 1, "seed": 42,
                                      "top_logprobs": 2]
        let first = try tokens(try await post("completions", request).json()).compactMap { $0["id"] as? Int }
        XCTAssertEqual(first.count, 12)
        let banned = first[3]
        let position = try XCTUnwrap(first.firstIndex(of: banned))
        var surgery = request
        surgery["logit_bias"] = [String(banned): -100]
        let second = try tokens(try await post("completions", surgery).json()).compactMap { $0["id"] as? Int }
        XCTAssertFalse(second.contains(banned), "\(banned) in \(second)")
        XCTAssertEqual(Array(second.prefix(position)), Array(first.prefix(position)))
        XCTAssertNotEqual(second[position], banned)
    }

    func testGreedyChoiceIsTheFirstAlternativeWithLogprobZero() async throws {
        let reply = try await post("completions", ["prompt": "Once upon a time", "max_tokens": 5, "top_k": 1,
                                                   "top_logprobs": 5])
        XCTAssertEqual(reply.status, 200, reply.text)
        for token in try tokens(try reply.json()) {
            XCTAssertEqual(token["logprob"] as? Double, 0, "a point mass: the choice is certain")
            let alternatives = try XCTUnwrap(token["top_logprobs"] as? [[String: Any]])
            XCTAssertEqual(alternatives.first?["id"] as? Int, token["id"] as? Int)
            XCTAssertEqual(alternatives.first?["text"] as? String, token["text"] as? String)
            XCTAssertEqual(alternatives.first?["logprob"] as? Double, 0)
            XCTAssertEqual(alternatives.count, 1, "nothing else has any probability")
            XCTAssertLessThan(token["model_logprob"] as? Double ?? 0, 0)
        }
    }

    func testSampledAlternativesAreSortedUniqueAndSumToAtMostOne() async throws {
        let reply = try await post("completions", ["prompt": "Once upon a time", "max_tokens": 6, "temperature": 1.2,
                                                   "top_k": 40, "top_p": 1, "seed": 5, "top_logprobs": 20])
        XCTAssertEqual(reply.status, 200, reply.text)
        let tokens = try tokens(try reply.json())
        XCTAssertEqual(tokens.count, 6)
        for token in tokens {
            let alternatives = try XCTUnwrap(token["top_logprobs"] as? [[String: Any]])
            XCTAssertEqual(alternatives.count, 20)
            let logprobs = alternatives.compactMap { $0["logprob"] as? Double }
            XCTAssertEqual(logprobs, logprobs.sorted(by: >))
            XCTAssertEqual(Set(alternatives.compactMap { $0["id"] as? Int }).count, 20)
            XCTAssertLessThanOrEqual(logprobs.reduce(0) { $0 + exp($1) }, 1 + 1e-6)
            let logprob = try XCTUnwrap(token["logprob"] as? Double)
            if let listed = alternatives.first(where: { $0["id"] as? Int == token["id"] as? Int }) {
                XCTAssertEqual(listed["logprob"] as? Double ?? 0, logprob, accuracy: 1e-9)
            } else {
                XCTAssertLessThanOrEqual(logprob, logprobs.last ?? 0)
            }
            // Temperature 1.2 over the top 40 is not the model's own distribution.
            XCTAssertNotEqual(logprob, token["model_logprob"] as? Double ?? 0, accuracy: 1e-6)
        }
    }

    func testStreamedPiecesCarryTheirTokensAndAgreeWithTheWholeAnswer() async throws {
        let request: [String: Any] = ["prompt": "Once upon a time", "max_tokens": 5, "n": 2, "seed": 9, "top_logprobs": 2]
        let whole = try await post("completions", request)
        XCTAssertEqual(whole.status, 200, whole.text)
        let wholeTokens = try XCTUnwrap(try whole.json()["tokens"] as? [[[String: Any]]], "n = 2: a list per completion")
        var request2 = request
        request2["stream"] = true
        let streamed = try await post("completions", request2)
        var ids: [[Int]] = [[], []]
        for piece in try pieces(streamed) {
            let lists = try XCTUnwrap(piece["tokens"] as? [[[String: Any]]], "\(piece)")
            for index in 0..<2 { ids[index] += lists[index].compactMap { $0["id"] as? Int } }
        }
        XCTAssertEqual(ids, wholeTokens.map { $0.compactMap { $0["id"] as? Int } })
        XCTAssertEqual(ids.map(\.count), [5, 5])
    }

    func testChatTokensLeaveOutTheEndOfTurn() async throws {
        let reply = try await post("chat", ["messages": ["What is the capital of France?"], "max_tokens": 12,
                                            "top_k": 1, "top_logprobs": 1])
        XCTAssertEqual(reply.status, 200, reply.text)
        let json = try reply.json()
        XCTAssertEqual(json["finish_reason"] as? String, "stop")
        let tokens = try tokens(json)
        XCTAssertEqual(tokens.compactMap { $0["text"] as? String }.joined(), json["text"] as? String)
        XCTAssertEqual(tokens.count, (json["output_tokens"] as? Int ?? 0) - 1, "the <|im_end|> token adds no text")
    }

    func testTheTokenThatMakesAStopStringIsListedThoughItsTextIsCut() async throws {
        let reply = try await post("completions", ["prompt": "The capital of France is", "max_tokens": 10, "top_k": 1,
                                                   "stop": "\n", "top_logprobs": 0])
        XCTAssertEqual(reply.status, 200, reply.text)
        let json = try reply.json()
        XCTAssertEqual(json["text"] as? String, " Paris.")
        XCTAssertEqual(json["finish_reason"] as? String, "stop")
        let tokens = try tokens(json)
        XCTAssertEqual(tokens.count, json["output_tokens"] as? Int, "every generated token, the last one too")
        let listed = tokens.compactMap { $0["text"] as? String }.joined()
        XCTAssertTrue(listed.hasPrefix(" Paris.") && listed.contains("\n"), listed)
        XCTAssertTrue(tokens.allSatisfy { ($0["top_logprobs"] as? [Any])?.isEmpty == true }, "top_logprobs 0: none")
    }

    func testWithoutTopLogprobsTheAnswersAreUnchanged() async throws {
        let whole = try await post("completions", ["prompt": "Hello", "max_tokens": 3, "top_k": 1])
        XCTAssertEqual(try Set(whole.json().keys), ["text", "reached_end", "input_tokens", "output_tokens", "finish_reason"])
        let streamed = try await post("chat", ["messages": ["Hi"], "max_tokens": 3, "stream": true])
        for piece in try pieces(streamed) { XCTAssertNil(piece["tokens"], "\(piece)") }
    }

    func testOutOfRangeIsRefusedNamingFieldAndRange() async throws {
        for (endpoint, body) in [("completions", ["prompt": "Hi", "top_logprobs": 21] as [String: Any]),
                                 ("chat", ["messages": ["Hi"], "top_logprobs": -1])] {
            let reply = try await post(endpoint, body)
            XCTAssertEqual(reply.status, 400, reply.text)
            let message = try reply.json()["error"] as? String ?? ""
            XCTAssertTrue(message.contains("top_logprobs = \(body["top_logprobs"]!) is out of range (allowed 0…20)"),
                          message)
        }
    }
}
