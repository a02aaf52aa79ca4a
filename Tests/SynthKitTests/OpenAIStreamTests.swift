import Foundation
import SynthKit
import TestPeer
import XCTest

/// OpenAI's server-sent-event streams: every split, CRLF, comments, errors mid-stream, a missing `[DONE]`; and the
/// client against a scripted OpenAI peer (a TEST DOUBLE: TestPeer).
final class OpenAIStreamTests: XCTestCase {
    static let completionStream = [
        ": a comment the server sends to keep the connection open\n\n",
        "data: {\"id\":\"c1\",\"object\":\"text_completion\",\"choices\":[{\"text\":\" Par\",\"index\":0,\"finish_reason\":null}]}\r\n\r\n",
        "event: message\ndata: {\"choices\":[{\"text\":\"is é\",\"index\":0}]}\n\n",
        "data: {\"choices\":[{\"text\":\"\",\"index\":0,\"finish_reason\":\"length\"}]}\n\n",
        "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}\n\n",
        "data: [DONE]\n\n",
    ].joined()

    func decodeAll(_ body: String, splitEvery size: Int) throws -> (String, CompletionAnswer) {
        var decoder = OpenAIStreamDecoder()
        let bytes = Array(body.utf8)
        var text = ""
        for start in stride(from: 0, to: bytes.count, by: size) {
            for answer in try decoder.feed(Data(bytes[start..<min(start + size, bytes.count)])) { text += answer.firstText }
        }
        for answer in try decoder.finish() { text += answer.firstText }
        return (text, decoder.accumulatedAnswer)
    }

    func testEverySplitGivesTheSameAnswer() throws {
        for size in [1, 2, 3, 7, 64, 10_000] {
            let (text, whole) = try decodeAll(Self.completionStream, splitEvery: size)
            XCTAssertEqual(text, " Paris é", "split every \(size)")
            XCTAssertEqual(whole.text, [" Paris é"])
            XCTAssertEqual(whole.finishReason, "length")
            XCTAssertEqual(whole.inputTokens, 5)
            XCTAssertEqual(whole.outputTokens, 3)
            XCTAssertTrue(whole.reachedEnd)
        }
    }

    func testDataLinesOfOneEventJoinAndCarriageReturnsEndLines() {
        var events = ServerSentEventDecoder()
        XCTAssertEqual(events.feed(Data("data: a\rdata:b\r\n\rdata: [DONE]\n".utf8)), ["a\nb"])
        XCTAssertEqual(events.finish(), ["[DONE]"], "a last event without its blank line still counts")
    }

    func testChatDeltasAndSeveralChoices() throws {
        let body = [
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}},{\"index\":1,\"delta\":{\"role\":\"assistant\"}}]}\n\n",
            "data: {\"choices\":[{\"index\":1,\"delta\":{\"content\":\"B\"}}]}\n\n",
            "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"A\"},\"finish_reason\":\"stop\"}]}\n\n",
            "data: {\"choices\":[{\"index\":1,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
        ].joined()
        var decoder = OpenAIStreamDecoder()
        _ = try decoder.feed(Data(body.utf8))
        _ = try decoder.finish()  // no [DONE], but every choice gave its reason: finished (llama.cpp's older servers)
        XCTAssertEqual(decoder.accumulatedAnswer.text, ["A", "B"])
    }

    func testAStreamCutBeforeItsEndKeepsItsText() {
        var decoder = OpenAIStreamDecoder()
        XCTAssertNoThrow(try decoder.feed(Data("data: {\"choices\":[{\"index\":0,\"text\":\"half\"}]}\n\n".utf8)))
        XCTAssertThrowsError(try decoder.finish()) { error in
            XCTAssertEqual(error as? APIError, .streamEndedEarly(partialText: ["half"],
                                                                  reason: "the stream ended without [DONE]"))
        }
    }

    func testAnErrorObjectMidStreamEndsItAfterTheTextBeforeIt() throws {
        var decoder = OpenAIStreamDecoder()
        let body = "data: {\"choices\":[{\"index\":0,\"text\":\"some\"}]}\n\n"
            + "data: {\"error\":{\"message\":\"the GPU fell over\",\"type\":\"server_error\"}}\n\n"
        let answers = try decoder.feed(Data(body.utf8))
        XCTAssertEqual(answers.map(\.firstText), ["some"], "the text that came first is delivered")
        XCTAssertThrowsError(try decoder.feed(Data())) { error in
            XCTAssertEqual(error as? APIError, .streamEndedEarly(partialText: ["some"], reason: "the GPU fell over"))
        }
    }

    // MARK: the client against a scripted peer

    func testTheClientSendsOpenAIsFieldsAndStreamsBack() throws {
        let peer = try TestPeer()
        defer { peer.shutdown() }
        peer.route("POST", "/v1/completions", .split(Array(Self.completionStream.utf8), every: 5))
        let client = OpenAIClient(baseURL: peer.baseURL + "/v1", apiKey: APIKey("sk-openai-1"), options: fastOptions())
        var parameters = SamplingParameters(maxTokens: 3, temperature: 0.5, topK: 20, stop: ["\n"], logitBias: [7: -100])
        parameters.seed = 9
        let recorder = EventRecorder()
        client.streamCompletion(model: "qwen", request: CompletionRequest(prompt: "Capital?", parameters: parameters)) {
            recorder.record($0)
        }
        XCTAssertNotNil(recorder.waitForEnd(timeout: 5), "\(recorder.events)")
        XCTAssertEqual(recorder.chunkText, " Paris é")
        guard case .finished(let whole) = recorder.events.last else { return XCTFail("\(recorder.events)") }
        XCTAssertEqual(whole.outputTokens, 3)
        let sent = try XCTUnwrap(peer.requests.first)
        XCTAssertEqual(sent.headers["authorization"], "Bearer sk-openai-1")
        let body = jsonObject(sent.body)
        XCTAssertEqual(body["model"] as? String, "qwen")
        XCTAssertEqual(body["prompt"] as? String, "Capital?")
        XCTAssertEqual(body["max_tokens"] as? Int, 3)
        XCTAssertEqual(body["stream"] as? Bool, true)
        XCTAssertEqual((body["stream_options"] as? [String: Bool])?["include_usage"], true)
        XCTAssertEqual(body["top_k"] as? Int, 20)
        XCTAssertEqual(body["seed"] as? Int, 9)
        XCTAssertEqual(body["stop"] as? String, "\n")
        XCTAssertEqual(body["logit_bias"] as? [String: Double], ["7": -100])
        XCTAssertNil(body["typical_p"], "neutral extras are left out")
    }

    func testChatTurnsBecomeRolesAndARefusedExtraIsLeftOutAfterwards() throws {
        let peer = try TestPeer()
        defer { peer.shutdown() }
        let refusal = PeerResponse.json(["error": ["message": "Unrecognized request argument supplied: top_k",
                                                   "type": "invalid_request_error"]], status: 400)
        let reply = PeerResponse.body("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hi\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n",
                                      contentType: "text/event-stream")
        peer.route("POST", "/v1/chat/completions", refusal, reply)
        let client = OpenAIClient(baseURL: peer.baseURL + "/v1", options: fastOptions())
        let chat = ChatRequest(messages: ["Hello", "Hi!", "How are you?"], system: "Be kind.")
        let first = EventRecorder()
        client.streamChat(model: "gpt-4o-mini", request: chat) { first.record($0) }
        XCTAssertNotNil(first.waitForEnd(timeout: 5))
        guard case .failed(.invalidRequest(let message)) = first.events.last else { return XCTFail("\(first.events)") }
        XCTAssertTrue(message.contains("top_k") && message.contains("from now on"), message)

        let second = EventRecorder()
        client.streamChat(model: "gpt-4o-mini", request: chat) { second.record($0) }
        XCTAssertNotNil(second.waitForEnd(timeout: 5))
        XCTAssertEqual(second.chunkText, "Hi")
        let bodies = peer.requests.map { jsonObject($0.body) }
        XCTAssertNotNil(bodies[0]["top_k"])
        XCTAssertNil(bodies[1]["top_k"], "remembered: not sent again")
        let roles = (bodies[1]["messages"] as? [[String: String]])?.map { $0["role"] ?? "" }
        XCTAssertEqual(roles, ["system", "user", "assistant", "user"])
    }

    func testInvalidParametersAreRefusedBeforeTheNetwork() throws {
        let peer = try TestPeer()
        defer { peer.shutdown() }
        let client = OpenAIClient(baseURL: peer.baseURL + "/v1", options: fastOptions())
        let recorder = EventRecorder()
        client.streamCompletion(model: "m", request: CompletionRequest(prompt: "x", parameters: SamplingParameters(topP: 3))) {
            recorder.record($0)
        }
        XCTAssertNotNil(recorder.waitForEnd(timeout: 5))
        guard case .failed(.invalidParameters(let problem)) = recorder.events.last else { return XCTFail("\(recorder.events)") }
        XCTAssertEqual(problem.field, "top_p")
        XCTAssertTrue(peer.requests.isEmpty)
    }
}
