// The project's own clients (SynthKit, over libcurl) against the local server: what the CLI and TUI will do.

import Foundation
import SynthKit
import XCTest

final class SynthKitClientTests: XCTestCase {
    func testTextSynthClientSpeaksToTheLocalServer() async throws {
        try await TestServers.requireApertium()
        let (server, port) = try await SharedModel.startServer { $0.translationEnabled = true; $0.apiKey = "local-key" }
        let client = TextSynthClient(baseURL: "http://127.0.0.1:\(port)", apiKey: APIKey("local-key"))

        var parameters = SamplingParameters(maxTokens: 4, topK: 1, n: 2)
        let whole = try await client.complete(engine: "smollm2_135M",
                                              request: CompletionRequest(prompt: "The capital of France is", parameters: parameters))
        XCTAssertEqual(whole.text.count, 2)
        XCTAssertEqual(whole.text[0], whole.text[1], "greedy completions of one prompt agree")
        XCTAssertTrue(whole.text[0].hasPrefix(" Paris"), whole.text[0])

        parameters.n = 1
        var pieces: [CompletionAnswer] = []
        for try await piece in client.completionStream(
            engine: "smollm2_135M", request: CompletionRequest(prompt: "The capital of France is", parameters: parameters))
        {
            pieces.append(piece)
        }
        XCTAssertEqual(pieces.last?.reachedEnd, true)
        XCTAssertEqual(pieces.map(\.firstText).joined(), whole.text[0])

        let translated = try await client.translate(
            engine: "m2m100_1_2B", request: TranslateRequest(text: ["I have a dog."], sourceLang: "en", targetLang: "es"))
        XCTAssertEqual(translated.translations.first?.text, "Tengo un perro.")

        let logprob = try await client.logprob(
            engine: "smollm2_135M", request: LogprobRequest(context: "The capital of France is", continuation: " Paris"))
        XCTAssertTrue(logprob.isGreedy)
        XCTAssertEqual(logprob.numTokens, 1)

        let tokens = try await client.tokenize(engine: "smollm2_135M", request: TokenizeRequest(text: "Hello world"))
        XCTAssertEqual(tokens.tokens, [19556, 905])

        let credits = try await client.credits()
        XCTAssertLessThan(credits.credits, 1000 * 1_000_000_000)

        do {
            _ = try await client.complete(engine: "gptj_6B", request: CompletionRequest(prompt: "Hi"))
            XCTFail("an unknown engine must be refused")
        } catch let error as SynthKit.APIError {
            guard case let .invalidRequest(message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("smollm2_135M"), message)
        }
        let stranger = TextSynthClient(baseURL: "http://127.0.0.1:\(port)", apiKey: APIKey("wrong"))
        do {
            _ = try await stranger.credits()
            XCTFail("a wrong key must be refused")
        } catch let error as SynthKit.APIError {
            XCTAssertEqual(error.status, 401)
        }
        await server.shutdown()
    }

    func testBoosteClientGetsWordsFromTheLocalServer() async throws {
        let (server, port) = try await SharedModel.startServer()
        let client = BoosteClient(baseURL: "http://127.0.0.1:\(port)/", apiKey: APIKey("any"), machineID: UUID().uuidString,
                                  poll: BoostePollPolicy(firstCheckAfter: 0.05, deadline: 30))
        let words = try await client.gpt2(prompt: "I went on a walk and suddenly, I",
                                          parameters: BoosteParameters(length: 5, temperature: 0.8, windowMax: 100))
        await server.shutdown()
        XCTAssertEqual(words.count, 5, "\(words)")
    }
}
