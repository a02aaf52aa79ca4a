// OpenAI's `logprobs` on /v1/completions and /v1/chat/completions, whole and streamed, on the real model.

import Foundation
import TestPeer
import XCTest
@testable import EngineServer

final class OpenAILogprobsTests: XCTestCase {
    private var server: EngineServer!
    private var port = 0

    override func setUp() async throws {
        (server, port) = try await SharedModel.startServer()
    }

    override func tearDown() async throws {
        await server?.shutdown()
    }

    private func post(_ path: String, _ json: [String: Any]) async throws -> HTTPReply {
        try await LoopbackHTTP.request(port: port, path: path, json: json)
    }

    /// The JSON objects of a server-sent-event body (the `[DONE]` marker left out).
    private func events(_ reply: HTTPReply) throws -> [[String: Any]] {
        try reply.text.components(separatedBy: "\n\n").filter { $0.hasPrefix("data: {") }.map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.dropFirst(6).utf8)) as? [String: Any])
        }
    }

    private func firstChoice(_ json: [String: Any]) throws -> [String: Any] {
        try XCTUnwrap((json["choices"] as? [[String: Any]])?.first, "\(json)")
    }

    func testCompletionLogprobsTakeTheLegacyShape() async throws {
        let request: [String: Any] = ["model": "smollm2_135M", "prompt": "Once upon a time", "max_tokens": 6,
                                      "seed": 4, "logprobs": 3]
        let reply = try await post("/v1/completions", request)
        XCTAssertEqual(reply.status, 200, reply.text)
        let choice = try firstChoice(reply.json())
        let text = try XCTUnwrap(choice["text"] as? String)
        let logprobs = try XCTUnwrap(choice["logprobs"] as? [String: Any])
        let tokens = try XCTUnwrap(logprobs["tokens"] as? [String])
        let tokenLogprobs = try XCTUnwrap(logprobs["token_logprobs"] as? [Double])
        let top = try XCTUnwrap(logprobs["top_logprobs"] as? [[String: Double]])
        let offsets = try XCTUnwrap(logprobs["text_offset"] as? [Int])
        XCTAssertEqual(tokens.count, 6)
        XCTAssertEqual([tokenLogprobs.count, top.count, offsets.count], [6, 6, 6])
        XCTAssertEqual(tokens.joined(), text)
        XCTAssertEqual(offsets, tokens.indices.map { tokens[..<$0].joined().unicodeScalars.count })
        for (index, alternatives) in top.enumerated() {
            XCTAssertEqual(alternatives.count, 3, "\(alternatives)")
            XCTAssertLessThanOrEqual(tokenLogprobs[index], 0)
            XCTAssertLessThanOrEqual(alternatives.values.reduce(0) { $0 + exp($1) }, 1 + 1e-6)
            if let listed = alternatives[tokens[index]] { XCTAssertEqual(listed, tokenLogprobs[index], accuracy: 1e-9) }
        }

        var streamRequest = request
        streamRequest["stream"] = true
        let streamed = try await post("/v1/completions", streamRequest)
        XCTAssertEqual(streamed.status, 200, streamed.text)
        let chunks = try events(streamed).map(firstChoice).compactMap { $0["logprobs"] as? [String: Any] }
        XCTAssertEqual(chunks.flatMap { $0["tokens"] as? [String] ?? [] }, tokens, "same seed: the same tokens")
        XCTAssertEqual(chunks.flatMap { $0["token_logprobs"] as? [Double] ?? [] }, tokenLogprobs)
        XCTAssertEqual(chunks.flatMap { $0["text_offset"] as? [Int] ?? [] }, offsets, "offsets run on across chunks")
    }

    func testChatLogprobsListTheContentTokens() async throws {
        let request: [String: Any] = ["model": "smollm2_135M", "max_tokens": 8, "seed": 2, "logprobs": true,
                                      "top_logprobs": 2, "messages": [["role": "user", "content": "Say hello."]]]
        let reply = try await post("/v1/chat/completions", request)
        XCTAssertEqual(reply.status, 200, reply.text)
        let choice = try firstChoice(reply.json())
        let content = try XCTUnwrap((choice["logprobs"] as? [String: Any])?["content"] as? [[String: Any]])
        let message = try XCTUnwrap((choice["message"] as? [String: Any])?["content"] as? String)
        XCTAssertFalse(content.isEmpty)
        XCTAssertEqual(content.compactMap { $0["token"] as? String }.joined(), message)
        for token in content {
            let bytes = try XCTUnwrap(token["bytes"] as? [Int])
            XCTAssertEqual(String(decoding: bytes.map(UInt8.init), as: UTF8.self), token["token"] as? String)
            let alternatives = try XCTUnwrap(token["top_logprobs"] as? [[String: Any]])
            XCTAssertEqual(alternatives.count, 2)
            let logprobs = alternatives.compactMap { $0["logprob"] as? Double }
            XCTAssertEqual(logprobs, logprobs.sorted(by: >))
            XCTAssertNotNil(alternatives.first?["bytes"] as? [Int])
        }

        var streamRequest = request
        streamRequest["stream"] = true
        let streamed = try await post("/v1/chat/completions", streamRequest)
        XCTAssertEqual(streamed.status, 200, streamed.text)
        let streamedContent = try events(streamed).compactMap { try? firstChoice($0) }
            .compactMap { ($0["logprobs"] as? [String: Any])?["content"] as? [[String: Any]] }.flatMap { $0 }
        XCTAssertEqual(streamedContent.compactMap { $0["token"] as? String },
                       content.compactMap { $0["token"] as? String })
        XCTAssertEqual(streamedContent.compactMap { $0["logprob"] as? Double },
                       content.compactMap { $0["logprob"] as? Double })
    }

    func testLogprobsAreLeftOutUnlessAskedAndRefusedOutOfRange() async throws {
        let plain = try await post("/v1/chat/completions", ["model": "smollm2_135M", "max_tokens": 2,
                                                            "messages": [["role": "user", "content": "Hi"]]])
        XCTAssertNil(try firstChoice(plain.json())["logprobs"])
        let unasked = try await post("/v1/chat/completions", ["model": "smollm2_135M", "max_tokens": 2, "logprobs": false,
                                                              "messages": [["role": "user", "content": "Hi"]]])
        XCTAssertNil(try firstChoice(unasked.json())["logprobs"])
        for (path, body, expected) in [
            ("/v1/completions", ["prompt": "x", "logprobs": 21] as [String: Any], "logprobs = 21 is out of range (allowed 0…20)"),
            ("/v1/chat/completions", ["messages": [["role": "user", "content": "x"]], "logprobs": true, "top_logprobs": 21],
             "top_logprobs = 21 is out of range (allowed 0…20)"),
            ("/v1/chat/completions", ["messages": [["role": "user", "content": "x"]], "top_logprobs": 2],
             "top_logprobs"),
        ] {
            var body = body
            body["model"] = "smollm2_135M"
            let reply = try await post(path, body)
            XCTAssertEqual(reply.status, 400, reply.text)
            let error = try XCTUnwrap(reply.json()["error"] as? [String: Any])
            XCTAssertTrue((error["message"] as? String ?? "").contains(expected), "\(error)")
        }
    }
}
