// Two different models in one server: SmolLM2 and Gemma 3 270M (opt-in: `make model-gemma`; skipped, saying so,
// without it), each answering under the id its file names, with its own tokenizer and prompt format.

import Foundation
import TestPeer
import XCTest
@testable import EngineServer

final class GemmaServerTests: XCTestCase {
    private static let gemma: Result<LocalModel, Error> = Result {
        try LocalModel(path: GemmaTestModel.path, threads: 2, maxContextLength: 256)
    }

    private var server: EngineServer?

    override func tearDown() async throws {
        await server?.shutdown()
    }

    func testSmolLM2AndGemmaServedSideBySide() async throws {
        try GemmaTestModel.require()
        var configuration = TestServers.configuration()
        configuration.translationEnabled = false
        let server = try EngineServer(configuration: configuration,
                                      models: [ServedModel(try SharedModel.model()), ServedModel(try Self.gemma.get())])
        self.server = server
        let port = try await server.start()
        XCTAssertEqual(server.engineIDs, ["smollm2_135M", "gemma-3_270M"])

        let greedy: [String: Any] = ["prompt": "The capital of France is", "max_tokens": 3, "top_k": 1]
        let smol = try await LoopbackHTTP.request(port: port, path: "/v1/engines/smollm2_135M/completions", json: greedy)
        let gemma = try await LoopbackHTTP.request(port: port, path: "/v1/engines/gemma-3_270M/completions", json: greedy)
        XCTAssertTrue((try smol.json()["text"] as? String ?? "").hasPrefix(" Paris"), smol.text)
        // llama.cpp's greedy continuation of the same prompt on the same file (the LocalEngine reference).
        let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: Self.referenceURL)) as? [String: Any]
        let expected = ((reference?["greedy"] as? [[String: Any]])?.first)?["completion"] as? String ?? "?"
        let text = try gemma.json()["text"] as? String ?? ""
        XCTAssertFalse(text.isEmpty, gemma.text)
        XCTAssertTrue(expected.hasPrefix(text), "\(text.debugDescription) vs llama.cpp's \(expected.debugDescription)")
        XCTAssertEqual(try gemma.json()["input_tokens"] as? Int, 6, "<bos> and five SentencePiece tokens")

        let tokenized = try await LoopbackHTTP.request(port: port, path: "/v1/engines/gemma-3_270M/tokenize",
                                                       json: ["text": "Hello world"])
        XCTAssertEqual(try tokenized.json()["tokens"] as? [Int], [9259, 1902])

        // Chat on Gemma is written in Gemma's turns: the prompt's tokens are those of its template.
        XCTAssertEqual(try Self.gemma.get().chatTemplate, .gemma)
        let chat = try await LoopbackHTTP.request(port: port, path: "/v1/engines/gemma-3_270M/chat",
                                                  json: ["messages": ["Hi"], "max_tokens": 2, "top_k": 1])
        XCTAssertEqual(chat.status, 200, chat.text)
        let turns = try Self.gemma.get().promptTokens(ChatTemplate.gemma.prompt(messages: ["Hi"], system: nil))
        XCTAssertEqual(try chat.json()["input_tokens"] as? Int, turns.count)
        XCTAssertEqual(turns.prefix(2), [2, 105], "<bos><start_of_turn>")
    }

    private static let referenceURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("LocalEngineTests/TokenizerReference/gemma3-llamacpp.json")
}
