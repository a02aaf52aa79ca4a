import Foundation
import SynthKit
import TestPeer
import XCTest

/// Every endpoint over real HTTP against TestPeer: the body sent and the answer decoded.
final class ClientEndpointTests: XCTestCase {
    var peer: TestPeer!

    override func setUpWithError() throws { peer = try TestPeer() }
    override func tearDown() { peer.shutdown() }

    func testCompletionSendsFlatSnakeCaseBodyAndBearerKey() throws {
        peer.route("POST", "/v1/engines/gptj_6B/completions",
                   .json(["text": " a woman", "reached_end": true, "input_tokens": 7, "output_tokens": 2,
                          "finish_reason": "length"]))
        let client = makeClient(peer)
        var params = SamplingParameters(maxTokens: 20, temperature: 0.5, topK: 10, stop: ["\n"], logitBias: [44986: -100])
        params.seed = 7
        let result = waitResult { client.complete(engine: "gptj_6B", request: CompletionRequest(prompt: "Once", parameters: params), completion: $0) }
        let answer = try XCTUnwrap(result?.success)
        XCTAssertEqual(answer, CompletionAnswer(text: [" a woman"], reachedEnd: true, inputTokens: 7, outputTokens: 2, finishReason: "length"))

        let sent = try XCTUnwrap(peer.requests.first)
        XCTAssertEqual(sent.method, "POST")
        XCTAssertEqual(sent.headers["authorization"], "Bearer sk-test-key-1234")
        XCTAssertEqual(sent.headers["content-type"], "application/json")
        let body = jsonObject(sent.body)
        XCTAssertEqual(body["prompt"] as? String, "Once")
        XCTAssertEqual(body["max_tokens"] as? Int, 20)
        XCTAssertEqual(body["temperature"] as? Double, 0.5)
        XCTAssertEqual(body["top_k"] as? Int, 10)
        XCTAssertEqual(body["top_p"] as? Double, 0.9)
        XCTAssertEqual(body["seed"] as? Int, 7)
        XCTAssertEqual(body["stream"] as? Bool, false)
        XCTAssertEqual(body["stop"] as? [String], ["\n"])
        XCTAssertEqual(body["logit_bias"] as? [String: Double], ["44986": -100])
    }

    func testEngineListOfASelfHostedServerDecodes() throws {
        peer.route("GET", "/v1/engines", .json(["engines": [
            ["id": "smollm2_135M", "kind": "completion", "context_length": 2048, "capabilities": ["completions", "chat"]],
            ["id": "apertium", "kind": "translation", "language_pairs": ["en-es", "es-en"], "aliases": ["m2m100_1_2B"]],
        ]]))
        let listed = try XCTUnwrap(waitResult { makeClient(peer).engines(completion: $0) }?.success)
        XCTAssertEqual(listed.engines.map(\.id), ["smollm2_135M", "apertium"])
        XCTAssertEqual(listed.engines[0].contextLength, 2048)
        XCTAssertEqual(listed.engines[1].languagePairs, ["en-es", "es-en"])
        XCTAssertEqual(peer.requests.first?.method, "GET")
    }

    func testNoAuthorizationHeaderWithoutKey() throws {
        peer.route("GET", "/v1/credits", .json(["credits": 123_456_789]))
        let client = makeClient(peer, key: nil)
        let credits = try XCTUnwrap(waitResult { client.credits(completion: $0) }?.success)
        XCTAssertEqual(credits.credits, 123_456_789)
        XCTAssertEqual(credits.balance, 0.123456789, accuracy: 1e-12)
        XCTAssertNil(peer.requests.first?.headers["authorization"])
        XCTAssertEqual(peer.requests.first?.method, "GET")
    }

    func testSequentialRequestsReuseTheConnection() throws {
        var credits = PeerResponse.json(["credits": 1])
        credits.keepAlive = true
        peer.route("GET", "/v1/credits", credits)
        let client = makeClient(peer)
        for _ in 0..<3 { XCTAssertEqual(waitResult { client.credits(completion: $0) }?.success?.credits, 1) }
        XCTAssertEqual(Set(peer.requests.map(\.connection)).count, 1, "\(peer.requests.map(\.connection))")
        // A server that says "Connection: close" gets a new connection each time.
        peer.route("GET", "/v1/credits", .json(["credits": 2]))
        for _ in 0..<3 { XCTAssertEqual(waitResult { client.credits(completion: $0) }?.success?.credits, 2) }
        XCTAssertEqual(peer.requests.map(\.connection), [1, 1, 1, 1, 2, 3])
    }

    func testChat() throws {
        peer.route("POST", "/v1/engines/e/chat", .json(["text": "Hi!", "reached_end": true]))
        let client = makeClient(peer)
        let request = ChatRequest(messages: ["Hello"], system: "Be brief", parameters: SamplingParameters(maxTokens: 5))
        let answer = try XCTUnwrap(waitResult { client.chat(engine: "e", request: request, completion: $0) }?.success)
        XCTAssertEqual(answer.firstText, "Hi!")
        let body = jsonObject(try XCTUnwrap(peer.requests.first).body)
        XCTAssertEqual(body["messages"] as? [String], ["Hello"])
        XCTAssertEqual(body["system"] as? String, "Be brief")
        XCTAssertEqual(body["max_tokens"] as? Int, 5)
    }

    func testTranslate() throws {
        peer.route("POST", "/v1/engines/madlad400_7B/translate",
                   .json(["translations": [["detected_source_lang": "en", "text": "Le renard."]],
                          "input_tokens": 18, "output_tokens": 85]))
        let client = makeClient(peer)
        let request = TranslateRequest(text: ["The fox."], sourceLang: "en", targetLang: "fr")
        let answer = try XCTUnwrap(waitResult { client.translate(request: request, completion: $0) }?.success)
        XCTAssertEqual(answer.translations, [.init(text: "Le renard.", detectedSourceLang: "en")])
        XCTAssertEqual(answer.inputTokens, 18)
        XCTAssertEqual(answer.outputTokens, 85)
        let body = jsonObject(try XCTUnwrap(peer.requests.first).body)
        XCTAssertEqual(body["text"] as? [String], ["The fox."])
        XCTAssertEqual(body["source_lang"] as? String, "en")
        XCTAssertEqual(body["target_lang"] as? String, "fr")
        XCTAssertEqual(body["num_beams"] as? Int, 4)
        XCTAssertEqual(body["split_sentences"] as? Bool, true)
    }

    func testLogprob() throws {
        peer.route("POST", "/v1/engines/gptj_6B/logprob",
                   .json(["logprob": -0.0494835916522837, "is_greedy": true, "input_tokens": 9]))
        let client = makeClient(peer)
        let answer = try XCTUnwrap(waitResult {
            client.logprob(engine: "gptj_6B", request: LogprobRequest(context: "The lazy", continuation: " dog"), completion: $0)
        }?.success)
        XCTAssertEqual(answer, LogprobAnswer(logprob: -0.0494835916522837, numTokens: nil, isGreedy: true, inputTokens: 9))
        let body = jsonObject(try XCTUnwrap(peer.requests.first).body)
        XCTAssertEqual(body["context"] as? String, "The lazy")
        XCTAssertEqual(body["continuation"] as? String, " dog")
    }

    func testTokenizeWithBase64Content() throws {
        peer.route("POST", "/v1/engines/gptj_6B/tokenize",
                   .json(["tokens": [464, 2068], "token_content": ["VGhl", "IHF1aWNr"]]))
        let client = makeClient(peer)
        let answer = try XCTUnwrap(waitResult {
            client.tokenize(engine: "gptj_6B", request: TokenizeRequest(text: "The quick", tokenContentType: .base64), completion: $0)
        }?.success)
        XCTAssertEqual(answer.tokens, [464, 2068])
        XCTAssertEqual(answer.tokenContent, [Data("The".utf8), Data(" quick".utf8)])
        let body = jsonObject(try XCTUnwrap(peer.requests.first).body)
        XCTAssertEqual(body["text"] as? String, "The quick")
        XCTAssertEqual(body["token_content_type"] as? String, "base64")
    }

    func testTextToImageDecodesBase64Images() throws {
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10])
        peer.route("POST", "/v1/engines/stable_diffusion/text_to_image",
                   .json(["images": [["data": jpeg.base64EncodedString()]]]))
        let client = makeClient(peer)
        let request = TextToImageRequest(prompt: "an astronaut", width: 768, height: 512, negativePrompt: "blurry")
        let answer = try XCTUnwrap(waitResult { client.textToImage(request: request, completion: $0) }?.success)
        XCTAssertEqual(answer.images, [jpeg])
        let body = jsonObject(try XCTUnwrap(peer.requests.first).body)
        XCTAssertEqual(body["prompt"] as? String, "an astronaut")
        XCTAssertEqual(body["width"] as? Int, 768)
        XCTAssertEqual(body["height"] as? Int, 512)
        XCTAssertEqual(body["image_count"] as? Int, 1)
        XCTAssertEqual(body["timesteps"] as? Int, 50)
        XCTAssertEqual(body["guidance_scale"] as? Double, 7.5)
        XCTAssertEqual(body["negative_prompt"] as? String, "blurry")
    }

    func testAsyncCompletionAndStream() async throws {
        peer.route("POST", "/v1/engines/gptj_6B/completions", .json(["text": "whole", "reached_end": true]))
        let client = makeClient(peer)
        let answer = try await client.complete(engine: "gptj_6B", request: CompletionRequest(prompt: "p"))
        XCTAssertEqual(answer.firstText, "whole")

        peer.route("POST", "/v1/engines/gptj_6B/completions", .textSynthStream(["Hel", "lo ", "wörld"]))
        var pieces: [String] = []
        for try await chunk in client.completionStream(engine: "gptj_6B", request: CompletionRequest(prompt: "p")) {
            pieces.append(chunk.firstText)
        }
        XCTAssertEqual(pieces, ["Hel", "lo ", "wörld"])
        XCTAssertEqual(jsonObject(try XCTUnwrap(peer.requests.last).body)["stream"] as? Bool, true)
    }

    func testChatStream() async throws {
        peer.route("POST", "/v1/engines/e/chat", .textSynthStream(["Bon", "jour"]))
        var pieces: [String] = []
        for try await chunk in makeClient(peer).chatStream(engine: "e", request: ChatRequest(messages: ["Salut"])) {
            pieces.append(chunk.firstText)
        }
        XCTAssertEqual(pieces, ["Bon", "jour"])
        let body = jsonObject(try XCTUnwrap(peer.requests.first).body)
        XCTAssertEqual(body["stream"] as? Bool, true)
        XCTAssertEqual(body["messages"] as? [String], ["Salut"])
    }

    func testValidationFailsBeforeTheNetwork() async throws {
        let client = makeClient(peer)
        do {
            _ = try await client.complete(engine: "gptj_6B", request: CompletionRequest(prompt: "p", parameters: SamplingParameters(topK: 0)))
            XCTFail("expected a validation error")
        } catch let error as APIError {
            XCTAssertEqual(error, .invalidParameters(ValidationError(field: "top_k", value: "0", allowed: "1…1000")))
            XCTAssertEqual(error.description, "Invalid request: top_k = 0 is out of range (allowed 1…1000)")
        }
        XCTAssertTrue(peer.requests.isEmpty)

        let recorder = EventRecorder()
        makeClient(peer).streamCompletion(engine: "gptj_6B",
                                          request: CompletionRequest(prompt: "p", parameters: SamplingParameters(n: 17)),
                                          onEvent: recorder.record)
        XCTAssertEqual(recorder.waitForEnd(),
                       .failed(.invalidParameters(ValidationError(field: "n", value: "17", allowed: "1…16"))))
        XCTAssertEqual(recorder.events.count, 1)
        XCTAssertTrue(peer.requests.isEmpty)
    }
}
