import Foundation
import SynthKit
import XCTest

/// synthpad's `top_logprobs` extension and the OpenAI logprobs objects, on the wire.
final class TokenLogprobWireTests: XCTestCase {
    private func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    private func object(_ value: some Encodable) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: WireJSON.encode(value)) as? [String: Any])
    }

    func testTopLogprobsIsAnOptionalRequestFieldCheckedAgainstItsRange() throws {
        XCTAssertNil(try decode(CompletionRequest.self, #"{"prompt":"x"}"#).parameters.topLogprobs)
        XCTAssertNil(try decode(CompletionRequest.self, #"{"prompt":"x","top_logprobs":null}"#).parameters.topLogprobs)
        XCTAssertEqual(try decode(ChatRequest.self, #"{"messages":["x"],"top_logprobs":3}"#).parameters.topLogprobs, 3)
        XCTAssertThrowsError(try decode(CompletionRequest.self, #"{"prompt":"x","top_logprobs":2.5}"#))
        for (value, valid) in [(0, true), (20, true), (21, false), (-1, false)] {
            let parameters = SamplingParameters(topLogprobs: value)
            if valid {
                XCTAssertNoThrow(try parameters.validate())
            } else {
                XCTAssertThrowsError(try parameters.validate()) { error in
                    XCTAssertEqual("\(error)", "top_logprobs = \(value) is out of range (allowed 0…20)")
                }
            }
        }
        XCTAssertFalse(ParameterSpec.all.contains { $0.wireName == "top_logprobs" }, "a request option, not a slider")
        let asked = CompletionRequest(prompt: "p", parameters: SamplingParameters(topLogprobs: 4))
        XCTAssertEqual(try decode(CompletionRequest.self, String(decoding: WireJSON.encode(asked), as: UTF8.self)), asked)
        let plain = String(decoding: try WireJSON.encode(CompletionRequest(prompt: "p")), as: UTF8.self)
        XCTAssertFalse(plain.contains("top_logprobs"), "left out when not asked: other servers never see it")
    }

    func testAnswerTokensFollowTheShapeOfText() throws {
        let token = TokenLogprob(id: 9, text: "\u{FFFD}", bytes: [0xC3], logprob: -0.5, modelLogprob: -1.25,
                                 topLogprobs: [.init(id: 9, text: "\u{FFFD}", logprob: -0.5)])
        let one = CompletionAnswer(text: ["a"], tokens: [[token]])
        let json = try object(one)
        let tokens = try XCTUnwrap(json["tokens"] as? [[String: Any]], "n = 1: a bare list, as text is a bare string")
        XCTAssertEqual(tokens.first?["bytes"] as? [Int], [0xC3])
        XCTAssertEqual(tokens.first?["model_logprob"] as? Double, -1.25)
        XCTAssertEqual((tokens.first?["top_logprobs"] as? [[String: Any]])?.first?["id"] as? Int, 9)
        XCTAssertEqual(try decode(CompletionAnswer.self, String(decoding: WireJSON.encode(one), as: UTF8.self)), one)
        let two = CompletionAnswer(text: ["a", "b"], tokens: [[token], []])
        XCTAssertNotNil(try object(two)["tokens"] as? [[Any]], "n > 1: a list per completion")
        XCTAssertEqual(try decode(CompletionAnswer.self, String(decoding: WireJSON.encode(two), as: UTF8.self)), two)
        XCTAssertNil(try object(CompletionAnswer(text: ["a"]))["tokens"], "absent when not asked")
    }

    func testOpenAILogprobObjectsUseOpenAIsNames() throws {
        let completion = OpenAICompletion.Choice(
            text: "ab", index: 0, finishReason: nil,
            logprobs: OpenAICompletionLogprobs(tokens: ["a", "b"], tokenLogprobs: [-1, -2],
                                               topLogprobs: [["a": -1], ["b": -2, "c": -3]], textOffset: [0, 1]))
        let json = try object(completion)
        let logprobs = try XCTUnwrap(json["logprobs"] as? [String: Any])
        XCTAssertEqual(Set(logprobs.keys), ["tokens", "token_logprobs", "top_logprobs", "text_offset"])
        let chat = OpenAIChatLogprobs(content: [.init(token: "a", logprob: -1, bytes: [97],
                                                      topLogprobs: [.init(token: "a", logprob: -1, bytes: [97])])])
        let content = try XCTUnwrap(try object(chat)["content"] as? [[String: Any]])
        XCTAssertEqual(Set(content[0].keys), ["token", "logprob", "bytes", "top_logprobs"])
        XCTAssertEqual(try decode(OpenAIChatLogprobs.self, String(decoding: WireJSON.encode(chat), as: UTF8.self)), chat)
        XCTAssertNil(try object(OpenAICompletion.Choice(text: "x", index: 0, finishReason: nil))["logprobs"])
    }
}
