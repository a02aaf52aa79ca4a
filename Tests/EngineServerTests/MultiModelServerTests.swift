// One server, two models: every route picks its model by the engine id (or OpenAI's `model`, Booste's `model`),
// and each model has its own scheduler. The models are the test GGUF loaded with a 2048-token window ("a") and a
// 48-token window ("b"), so which one answered shows in the context length and in whether the prompt was cut.

import Foundation
import TestPeer
import XCTest
@testable import EngineServer

final class MultiModelServerTests: XCTestCase {
    private var server: EngineServer!
    private var port = 0

    /// About 70 tokens: more than "b"'s window leaves for the prompt, well within "a"'s.
    private let longPrompt = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 7)

    override func setUp() async throws {
        try await start { _ in }
    }

    override func tearDown() async throws {
        await server?.shutdown()
    }

    private func start(_ configure: (inout EngineServerConfiguration) -> Void) async throws {
        await server?.shutdown()
        var configuration = TestServers.configuration()
        configuration.translationEnabled = false
        configure(&configuration)
        server = try EngineServer(configuration: configuration, models: [
            ServedModel(try SharedModel.model(), engineID: "a"),
            ServedModel(try SharedModel.smallContextModel(), engineID: "b"),
        ])
        port = try await server.start()
    }

    private func post(_ path: String, _ json: [String: Any]) async throws -> HTTPReply {
        try await LoopbackHTTP.request(port: port, path: path, json: json)
    }

    func testBothModelsAreListedWithTheirOwnWindows() async throws {
        XCTAssertEqual(server.engineIDs, ["a", "b"])
        let engines = try await LoopbackHTTP.get(port: port, path: "/v1/engines").json()["engines"] as? [[String: Any]]
        let windows = Dictionary(uniqueKeysWithValues: (engines ?? []).map {
            ($0["id"] as? String ?? "", $0["context_length"] as? Int ?? 0)
        })
        XCTAssertEqual(windows, ["a": 2048, "b": 48])
        let models = try await LoopbackHTTP.get(port: port, path: "/v1/models").json()["data"] as? [[String: Any]]
        XCTAssertEqual(models?.compactMap { $0["id"] as? String }, ["a", "b"])
    }

    func testTextSynthRoutesRunTheNamedModel() async throws {
        let request: [String: Any] = ["prompt": longPrompt, "max_tokens": 2, "top_k": 1]
        let onA = try await post("/v1/engines/a/completions", request).json()
        let onB = try await post("/v1/engines/b/completions", request).json()
        XCTAssertNil(onA["truncated_prompt"], "a's window holds the whole prompt")
        XCTAssertEqual(onB["truncated_prompt"] as? Bool, true, "b's 48-token window cuts it")
        XCTAssertLessThan(onB["input_tokens"] as? Int ?? .max, onA["input_tokens"] as? Int ?? 0)

        let chat = try await post("/v1/engines/b/chat", ["messages": ["Hi"], "max_tokens": 2, "top_k": 1])
        XCTAssertEqual(chat.status, 200, chat.text)
        let tokens = try await post("/v1/engines/b/tokenize", ["text": "Hello world"]).json()["tokens"] as? [Int]
        XCTAssertEqual(tokens?.count, 2)
        // b cannot take a continuation as long as its window; a can.
        let continuation = longPrompt
        let scoredOnA = try await post("/v1/engines/a/logprob", ["context": "A", "continuation": continuation])
        let scoredOnB = try await post("/v1/engines/b/logprob", ["context": "A", "continuation": continuation])
        XCTAssertEqual(scoredOnA.status, 200, scoredOnA.text)
        XCTAssertEqual(scoredOnB.status, 400, scoredOnB.text)
        XCTAssertTrue(scoredOnB.text.contains("context length 48"), scoredOnB.text)
    }

    func testUnknownEngineNamesTheServedOnes() async throws {
        let reply = try await post("/v1/engines/c/completions", ["prompt": "x", "max_tokens": 1])
        XCTAssertEqual(reply.status, 400)
        XCTAssertEqual(try reply.json()["error"] as? String, "unknown engine 'c'; available engines: a, b")
    }

    func testOpenAIRoutesRunTheNamedModel() async throws {
        let request: [String: Any] = ["prompt": longPrompt, "max_tokens": 2, "temperature": 0]
        var onA = request, onB = request
        onA["model"] = "a"
        onB["model"] = "b"
        let usageA = try await post("/v1/completions", onA).json()["usage"] as? [String: Any]
        let usageB = try await post("/v1/completions", onB).json()["usage"] as? [String: Any]
        XCTAssertLessThanOrEqual(usageB?["prompt_tokens"] as? Int ?? .max, 46, "b fits prompt + 2 tokens in 48")
        XCTAssertGreaterThan(usageA?["prompt_tokens"] as? Int ?? 0, 60)

        let chat = try await post("/v1/chat/completions", ["model": "b", "max_tokens": 2,
                                                           "messages": [["role": "user", "content": "Hi"]]])
        XCTAssertEqual(chat.status, 200, chat.text)
        XCTAssertEqual(try chat.json()["model"] as? String, "b")

        let unknown = try await post("/v1/chat/completions", ["model": "c", "messages": [["role": "user", "content": "Hi"]]])
        XCTAssertEqual(unknown.status, 404)
        let error = try XCTUnwrap(unknown.json()["error"] as? [String: Any])
        XCTAssertEqual(error["code"] as? String, "model_not_found")
        XCTAssertTrue((error["message"] as? String ?? "").hasSuffix("models: a, b"), unknown.text)
    }

    func testBoosteRunsTheDefaultOrTheNamedModel() async throws {
        let start = BoosteRoutes.startPath
        let base: [String: Any] = ["string": "I went on a walk and", "length": "3", "syncMode": "synchronous"]
        var onB = base
        onB["model"] = "b"
        var onC = base
        onC["model"] = "c"
        let byDefault = try await post(start, base)
        let named = try await post(start, onB)
        let unknown = try await post(start, onC)
        XCTAssertEqual(byDefault.status, 200, byDefault.text)
        XCTAssertEqual((try named.json()["Output"] as? [String])?.count, 3, named.text)
        XCTAssertEqual(unknown.status, 404)
        XCTAssertEqual(try unknown.json()["message"] as? String, "unknown model 'c'; models: a, b")
    }

    /// A's only slot busy (and no queue) refuses more work on a, while b, with its own scheduler, still answers.
    func testEachModelHasItsOwnScheduler() async throws {
        try await start {
            $0.maxActiveSequences = 1
            $0.maxQueuedSequences = 0
        }
        let (busy, _) = try LoopbackConnection.longCompletion(port: port, engine: "a")
        defer { busy.hangUp() }
        let onA = try await post("/v1/engines/a/completions", ["prompt": "Hi", "max_tokens": 1])
        let onB = try await post("/v1/engines/b/completions", ["prompt": "Hi", "max_tokens": 1])
        XCTAssertEqual(onA.status, 429, onA.text)
        XCTAssertEqual(onB.status, 200, onB.text)
    }

    func testTwoModelsUnderOneIdAreRefused() async throws {
        let model = try SharedModel.model()
        XCTAssertEqual(ServedModel(model).engineID, "smollm2_135M", "the id the file names itself by")
        let twice = try await startFailure([ServedModel(model), ServedModel(model)], translation: false)
        XCTAssertTrue(twice.hasPrefix("engine id 'smollm2_135M' is taken twice"), twice)
        let clash = try await startFailure([ServedModel(model, engineID: "apertium")], translation: true)
        XCTAssertTrue(clash.contains("the translator"), clash)
    }

    /// Why a server with `models` refuses to start.
    private func startFailure(_ models: [ServedModel], translation: Bool) async throws -> String {
        var configuration = TestServers.configuration()
        configuration.translationEnabled = translation
        let refused = try EngineServer(configuration: configuration, models: models)
        do {
            _ = try await refused.start()
            await refused.shutdown()
            return "started"
        } catch {
            return "\(error)"
        }
    }
}
