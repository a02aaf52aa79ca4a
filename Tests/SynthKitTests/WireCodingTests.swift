import Foundation
import SynthKit
import XCTest

/// Requests decode (the local server reads them) and answers encode (it writes them) as the wire says.
final class WireCodingTests: XCTestCase {
    func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    func testCompletionRequestDecodesWithDefaultsAndStopAsString() throws {
        let request = try decode(CompletionRequest.self, #"{"prompt":"Once","stop":"\n","logit_bias":{"44986":-100}}"#)
        XCTAssertEqual(request.prompt, "Once")
        XCTAssertFalse(request.stream)
        var expected = SamplingParameters.defaults
        expected.stop = ["\n"]
        expected.logitBias = [44986: -100]
        XCTAssertEqual(request.parameters, expected)
        let array = try decode(CompletionRequest.self, #"{"prompt":"x","stop":["a","b"],"stream":true,"top_k":5,"temperature":0}"#)
        XCTAssertEqual(array.parameters.stop, ["a", "b"])
        XCTAssertEqual(array.parameters.topK, 5)
        XCTAssertEqual(array.parameters.temperature, 0)
        XCTAssertTrue(array.stream)
        XCTAssertThrowsError(try decode(CompletionRequest.self, #"{"max_tokens":5}"#))
        XCTAssertThrowsError(try decode(CompletionRequest.self, #"{"prompt":"x","logit_bias":{"abc":1}}"#))
    }

    func testCompletionRequestRoundTrip() throws {
        let request = CompletionRequest(prompt: "p", parameters: SamplingParameters(maxTokens: 9, n: 3, seed: 4, stop: ["x"], logitBias: [3: 2]), stream: true)
        XCTAssertEqual(try decode(CompletionRequest.self, String(decoding: WireJSON.encode(request), as: UTF8.self)), request)
        let plain = String(decoding: try WireJSON.encode(CompletionRequest(prompt: "p")), as: UTF8.self)
        XCTAssertFalse(plain.contains("stop"))
        XCTAssertFalse(plain.contains("logit_bias"))
    }

    func testOtherRequestsRoundTripAndDefaults() throws {
        let chat = ChatRequest(messages: ["a"], system: "s", parameters: SamplingParameters(topP: 0.5))
        XCTAssertEqual(try JSONDecoder().decode(ChatRequest.self, from: WireJSON.encode(chat)), chat)
        let translate = try decode(TranslateRequest.self, #"{"text":["hi"],"target_lang":"fr"}"#)
        XCTAssertEqual(translate, TranslateRequest(text: ["hi"], sourceLang: "auto", targetLang: "fr", numBeams: 4, splitSentences: true))
        XCTAssertEqual(try JSONDecoder().decode(TranslateRequest.self, from: WireJSON.encode(translate)), translate)
        XCTAssertEqual(try decode(TokenizeRequest.self, #"{"text":"x"}"#).tokenContentType, .none)
        XCTAssertThrowsError(try decode(TokenizeRequest.self, #"{"text":"x","token_content_type":"hex"}"#))
        XCTAssertEqual(try decode(LogprobRequest.self, #"{"continuation":" dog"}"#), LogprobRequest(context: "", continuation: " dog"))
        let image = try decode(TextToImageRequest.self, #"{"prompt":"a horse"}"#)
        XCTAssertEqual(image, TextToImageRequest(prompt: "a horse"))
        let full = TextToImageRequest(prompt: "p", imageCount: 2, width: 384, height: 640, timesteps: 20, guidanceScale: 5,
                                      seed: 3, negativePrompt: "n", image: Data([1, 2, 3]), strength: 0.4)
        XCTAssertEqual(try JSONDecoder().decode(TextToImageRequest.self, from: WireJSON.encode(full)), full)
    }

    func testCompletionAnswerTextStringOrArray() throws {
        let one = try decode(CompletionAnswer.self, #"{"text":"hi","reached_end":true,"truncated_prompt":true,"input_tokens":1,"output_tokens":2}"#)
        XCTAssertEqual(one, CompletionAnswer(text: ["hi"], reachedEnd: true, truncatedPrompt: true, inputTokens: 1, outputTokens: 2))
        XCTAssertEqual(String(decoding: try WireJSON.encode(CompletionAnswer(text: ["hi"], inputTokens: 1, outputTokens: 2)), as: UTF8.self),
                       #"{"input_tokens":1,"output_tokens":2,"reached_end":true,"text":"hi"}"#)
        let many = try decode(CompletionAnswer.self, #"{"text":["a","b"],"reached_end":false}"#)
        XCTAssertEqual(many.text, ["a", "b"])
        XCTAssertEqual(try JSONDecoder().decode(CompletionAnswer.self, from: WireJSON.encode(many)), many)
        XCTAssertThrowsError(try decode(CompletionAnswer.self, #"{"reached_end":true}"#))
    }

    func testOtherAnswersRoundTrip() throws {
        let translate = TranslateAnswer(translations: [.init(text: "Bonjour", detectedSourceLang: "en")], inputTokens: 1, outputTokens: 2)
        let json = String(decoding: try WireJSON.encode(translate), as: UTF8.self)
        XCTAssertTrue(json.contains(#""detected_source_lang":"en""#))
        XCTAssertEqual(try JSONDecoder().decode(TranslateAnswer.self, from: Data(json.utf8)), translate)
        let logprob = LogprobAnswer(logprob: -1.5, numTokens: 2, isGreedy: false, inputTokens: 4)
        XCTAssertTrue(String(decoding: try WireJSON.encode(logprob), as: UTF8.self).contains(#""is_greedy":false"#))
        XCTAssertEqual(try JSONDecoder().decode(LogprobAnswer.self, from: WireJSON.encode(logprob)), logprob)
        let tokens = TokenizeAnswer(tokens: [1, 2], tokenContent: [Data("a".utf8), Data([0xC3])])
        XCTAssertEqual(try JSONDecoder().decode(TokenizeAnswer.self, from: WireJSON.encode(tokens)), tokens)
        let images = ImageAnswer(images: [Data([0xFF, 0xD8])])
        XCTAssertEqual(String(decoding: try WireJSON.encode(images), as: UTF8.self), #"{"images":[{"data":"/9g="}]}"#)
        XCTAssertEqual(try JSONDecoder().decode(ImageAnswer.self, from: WireJSON.encode(images)), images)
        XCTAssertEqual(try decode(CreditsAnswer.self, #"{"credits":123456789}"#).balance, 0.123456789, accuracy: 1e-12)
        XCTAssertEqual(String(decoding: try WireJSON.encode(ErrorAnswer(error: "bad", status: 400)), as: UTF8.self),
                       #"{"error":"bad","status":400}"#)
    }

    func testAPIErrorFromBodies() {
        XCTAssertEqual(APIError.fromHTTP(status: 400, body: Data(#"{"error":"unknown engine","status":400}"#.utf8)),
                       .invalidRequest(message: "unknown engine"))
        XCTAssertEqual(APIError.fromHTTP(status: 503, body: Data()), .serverError(status: 503, message: "(empty body)"))
        let long = "<html><body>" + String(repeating: "word ", count: 100) + "</body></html>"
        guard case .serverError(_, let message) = APIError.fromHTTP(status: 500, body: Data(long.utf8)) else { return XCTFail() }
        XCTAssertLessThanOrEqual(message.count, 121)
        XCTAssertTrue(message.hasPrefix("word word"))
        XCTAssertTrue(APIError.rateLimited(message: "m", retryAfter: 2).isRetryable)
        XCTAssertFalse(APIError.invalidRequest(message: "m").isRetryable)
    }

    func testRetryAfterParsing() {
        XCTAssertEqual(HTTPResponse(status: 429, headers: ["retry-after": "3"], body: Data()).retryAfter, 3)
        XCTAssertNil(HTTPResponse(status: 429, headers: [:], body: Data()).retryAfter)
        let future = HTTPResponse(status: 429, headers: ["retry-after": "Wed, 21 Oct 2099 07:28:00 GMT"], body: Data()).retryAfter
        XCTAssertGreaterThan(future ?? 0, 1000)
    }
}
