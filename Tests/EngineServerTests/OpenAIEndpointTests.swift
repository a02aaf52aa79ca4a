// OpenAI's models, completions and chat routes on the real model, over real HTTP; and the official `openai`
// package against them.

import Foundation
import SynthKit
import TestPeer
import XCTest
@testable import EngineServer

final class OpenAIEndpointTests: XCTestCase {
    private var server: EngineServer!
    private var port = 0

    override func setUp() async throws {
        (server, port) = try await SharedModel.startServer { $0.apiKey = "sk-local" }
    }

    override func tearDown() async throws {
        await server?.shutdown()
    }

    private func post(_ path: String, _ json: [String: Any], key: String? = "sk-local") async throws -> HTTPReply {
        try await LoopbackHTTP.request(port: port, path: path, json: json,
                                       headers: key.map { ["Authorization": "Bearer \($0)"] } ?? [:])
    }

    /// The `data:` events of a server-sent-event body, as JSON objects, and whether it ended with `[DONE]`.
    private func events(_ reply: HTTPReply) throws -> (objects: [[String: Any]], done: Bool) {
        let lines = reply.text.components(separatedBy: "\n\n").filter { !$0.isEmpty }
        var objects: [[String: Any]] = []
        var done = false
        for line in lines {
            XCTAssertTrue(line.hasPrefix("data: "), line)
            let payload = String(line.dropFirst(6))
            if payload == "[DONE]" { done = true; continue }
            XCTAssertFalse(done, "nothing follows [DONE]")
            objects.append(try XCTUnwrap(JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any]))
        }
        return (objects, done)
    }

    func testModelsListTheLocalEngine() async throws {
        let reply = try await LoopbackHTTP.request(port: port, method: "GET", path: "/v1/models",
                                                   headers: ["Authorization": "Bearer sk-local"])
        XCTAssertEqual(reply.status, 200, reply.text)
        let data = try XCTUnwrap(reply.json()["data"] as? [[String: Any]])
        XCTAssertEqual(data.map { $0["id"] as? String }, ["smollm2_135M"])
        XCTAssertEqual(data.first?["object"] as? String, "model")
    }

    func testGreedyCompletionAgreesWithTheTextSynthRoute() async throws {
        let reply = try await post("/v1/completions", ["model": "smollm2_135M", "prompt": "The capital of France is",
                                                       "max_tokens": 4, "temperature": 0])
        XCTAssertEqual(reply.status, 200, reply.text)
        let json = try reply.json()
        XCTAssertEqual(json["object"] as? String, "text_completion")
        let choice = try XCTUnwrap((json["choices"] as? [[String: Any]])?.first)
        let textSynth = try await post("/v1/engines/smollm2_135M/completions",
                                       ["prompt": "The capital of France is", "max_tokens": 4, "top_k": 1])
        XCTAssertEqual(choice["text"] as? String, try textSynth.json()["text"] as? String)
        XCTAssertEqual(choice["finish_reason"] as? String, "length")
        let usage = try XCTUnwrap(json["usage"] as? [String: Int])
        XCTAssertEqual(usage, ["prompt_tokens": 5, "completion_tokens": 4, "total_tokens": 9])
    }

    func testAStreamedCompletionIsServerSentEventsEndingWithDone() async throws {
        let reply = try await post("/v1/completions", ["model": "smollm2_135M", "prompt": "Once upon a time",
                                                       "max_tokens": 6, "n": 2, "seed": 3, "stream": true,
                                                       "stream_options": ["include_usage": true]])
        XCTAssertEqual(reply.status, 200, reply.text)
        XCTAssertEqual(reply.headers["content-type"], "text/event-stream")
        let (objects, done) = try events(reply)
        XCTAssertTrue(done, reply.text)
        let choices = objects.compactMap { $0["choices"] as? [[String: Any]] }.flatMap { $0 }
        XCTAssertEqual(Set(choices.compactMap { $0["index"] as? Int }), [0, 1], "both answers stream")
        XCTAssertEqual(choices.filter { $0["finish_reason"] as? String != nil }.count, 2, "one ending each")
        let usage = try XCTUnwrap(objects.last?["usage"] as? [String: Int])
        XCTAssertEqual(usage["completion_tokens"], 12)
        XCTAssertEqual((objects.last?["choices"] as? [Any])?.count, 0, "the usage chunk has no choices")
    }

    func testChatStreamsDeltasAfterTheAssistantsRole() async throws {
        let reply = try await post("/v1/chat/completions", [
            "model": "smollm2_135M", "max_tokens": 8, "temperature": 0, "stream": true,
            "messages": [["role": "system", "content": "Be brief."],
                         ["role": "user", "content": [["type": "text", "text": "Say hello."]]]],
        ])
        XCTAssertEqual(reply.status, 200, reply.text)
        let (objects, done) = try events(reply)
        XCTAssertTrue(done)
        let deltas = objects.compactMap { ($0["choices"] as? [[String: Any]])?.first?["delta"] as? [String: Any] }
        XCTAssertEqual(deltas.first?["role"] as? String, "assistant")
        let text = deltas.compactMap { $0["content"] as? String }.joined()
        let whole = try await post("/v1/chat/completions", [
            "model": "smollm2_135M", "max_tokens": 8, "temperature": 0,
            "messages": [["role": "system", "content": "Be brief."], ["role": "user", "content": "Say hello."]],
        ])
        let message = try XCTUnwrap(((whole.json()["choices"] as? [[String: Any]])?.first)?["message"] as? [String: Any])
        XCTAssertEqual(message["content"] as? String, text, "streamed and whole agree")
        XCTAssertFalse(text.isEmpty)
        XCTAssertFalse(text.contains("<|im_"), text)
    }

    func testErrorsTakeOpenAIsShape() async throws {
        let unknown = try await post("/v1/completions", ["model": "gpt-4o", "prompt": "x"])
        XCTAssertEqual(unknown.status, 404)
        let error = try XCTUnwrap(unknown.json()["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "model_not_found")
        XCTAssertTrue((error["message"] as? String ?? "").contains("smollm2_135M"), unknown.text)

        let range = try await post("/v1/chat/completions", ["model": "smollm2_135M", "top_p": 3,
                                                            "messages": [["role": "user", "content": "x"]]])
        XCTAssertEqual(range.status, 400)
        let rangeError = try XCTUnwrap(range.json()["error"] as? [String: Any])
        XCTAssertEqual(rangeError["type"] as? String, "invalid_request_error")
        XCTAssertTrue((rangeError["message"] as? String ?? "").contains("top_p = 3 is out of range (allowed 0…1)"))

        let noKey = try await post("/v1/completions", ["model": "smollm2_135M", "prompt": "x"], key: nil)
        XCTAssertEqual(noKey.status, 401)
        XCTAssertEqual((try noKey.json()["error"] as? [String: Any])?["type"] as? String, "authentication_error")

        let logprobs = try await post("/v1/completions", ["model": "smollm2_135M", "prompt": "x", "logprobs": 21])
        XCTAssertEqual(logprobs.status, 400, "more alternatives than offered: refused, not silently cut")
        let batch = try await post("/v1/completions", ["model": "smollm2_135M", "prompt": ["a", "b"]])
        XCTAssertEqual(batch.status, 400)
        let tool = try await post("/v1/chat/completions", ["model": "smollm2_135M",
                                                           "messages": [["role": "tool", "content": "x"]]])
        XCTAssertEqual(tool.status, 400)
        // The TextSynth routes keep their own shape.
        let textSynth = try await post("/v1/engines/nope/completions", ["prompt": "x"])
        XCTAssertNotNil(try textSynth.json()["status"] as? Int)
    }

    /// synthpad's own OpenAI client and its TextSynth client, on the same server: the same greedy answer.
    func testSynthpadsOpenAIClientAgreesWithItsTextSynthClient() async throws {
        let parameters = SamplingParameters(maxTokens: 6, temperature: 0, topK: 1)
        let request = CompletionRequest(prompt: "Once upon a time", parameters: parameters)
        let openAI = OpenAIClient(baseURL: "http://127.0.0.1:\(port)/v1", apiKey: APIKey("sk-local"))
        let textSynth = TextSynthClient(baseURL: "http://127.0.0.1:\(port)", apiKey: APIKey("sk-local"))
        let viaOpenAI = try await openAI.complete(model: "smollm2_135M", request: request)
        let viaTextSynth = try await textSynth.complete(engine: "smollm2_135M", request: request)
        XCTAssertEqual(viaOpenAI.text, viaTextSynth.text)
        XCTAssertEqual(viaOpenAI.outputTokens, 6)
        XCTAssertEqual(viaOpenAI.finishReason, "length")
        let chat = try await openAI.chat(model: "smollm2_135M", request: ChatRequest(messages: ["Say hi"], parameters: parameters))
        let chatTS = try await textSynth.chat(engine: "smollm2_135M", request: ChatRequest(messages: ["Say hi"], parameters: parameters))
        XCTAssertEqual(chat.text, chatTS.text)
    }

    /// The official Python package (what `llm`, `aichat` and countless scripts use), unchanged, against us.
    func testTheOfficialOpenAIPackage() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("OpenAIPackage/openai_client.py").path
        let process = try SynthpadProcess(label: "openai-package")
        defer { process.cleanUp() }
        let probe = try process.runShell("python3 -c 'import openai'")
        try requirePrerequisite(probe.status == 0, "the openai Python package",
                                hint: "make test-deps installs it (pip install openai)", optOut: nil)
        let result = try process.runShell("python3 \(script) http://127.0.0.1:\(port) smollm2_135M sk-local",
                                          timeout: 120)
        XCTAssertEqual(result.status, 0, result.stderr)
        let seen = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                                 result.stdout + result.stderr)
        XCTAssertEqual(seen["models"] as? [String], ["smollm2_135M"])
        let completion = try XCTUnwrap(seen["completion"] as? [String: Any])
        XCTAssertTrue((completion["text"] as? String ?? "").hasPrefix(" Paris"), "\(completion)")
        XCTAssertEqual(completion["finish"] as? String, "length")
        XCTAssertEqual(completion["usage"] as? [Int], [5, 4])
        XCTAssertEqual(seen["completion_stream"] as? String, completion["text"] as? String)
        let chat = try XCTUnwrap(seen["chat"] as? [String: Any])
        XCTAssertEqual(chat["role"] as? String, "assistant")
        XCTAssertFalse((chat["text"] as? String ?? "").isEmpty)
        let chatStream = try XCTUnwrap(seen["chat_stream"] as? [String: Any])
        XCTAssertNotNil(chatStream["usage"] as? Int)
        let scored = try XCTUnwrap(seen["completion_logprobs"] as? [String: Any], "\(seen)")
        let tokens = try XCTUnwrap(scored["tokens"] as? [String])
        XCTAssertEqual(tokens.count, 4)
        XCTAssertEqual(tokens.joined(), scored["text"] as? String)
        XCTAssertEqual(tokens.first, " Paris")
        XCTAssertEqual(scored["token_logprobs"] as? [Double], [0, 0, 0, 0], "greedy: drawn for certain")
        XCTAssertEqual((scored["top_logprobs"] as? [[String: Double]])?.first, [" Paris": 0])
        XCTAssertEqual(scored["text_offset"] as? [Int], tokens.indices.map { tokens[..<$0].joined().count })
        XCTAssertEqual((scored["text_offset"] as? [Int])?.prefix(2), [0, 6], "\" Paris\" is 6 characters")
        let rated = try XCTUnwrap(seen["chat_logprobs"] as? [[String: Any]], "\(seen)")
        XCTAssertEqual(rated.compactMap { $0["token"] as? String }.joined(), seen["chat_logprobs_text"] as? String)
        for token in rated {
            XCTAssertEqual((token["top"] as? [[Any]])?.count, 2, "\(token)")
            XCTAssertLessThanOrEqual(token["logprob"] as? Double ?? 1, 0)
            XCTAssertNotNil(token["bytes"] as? [Int])
        }
        XCTAssertEqual(seen["chat_logprobs_stream"] as? [String], rated.compactMap { $0["token"] as? String },
                       "same seed, streamed: the same tokens")
        XCTAssertEqual(seen["unknown_model"] as? Int, 404)
        XCTAssertTrue((seen["bad_parameter"] as? String ?? "").contains("top_p"), "\(seen)")
    }
}
