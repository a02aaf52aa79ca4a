import Foundation
import SynthKit
import SynthUI
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

/// The token inspector's requests in the runtime: per-token data asked only of engines whose server lists it,
/// answers' tokens passed on with their text, and `/logprob` for spans and candidates.
final class TokenInspectorRuntimeTests: XCTestCase {
    private static let listing = """
        {"engines": [{"id": "gives", "kind": "completion", "capabilities": ["completions", "token_logprobs"]},
                     {"id": "plain", "kind": "completion"}]}
        """

    private func snapshot(_ id: Int, engine: String) -> CompletionSnapshot {
        CompletionSnapshot(id: id, backend: "local", engine: engine, family: .textSynth, prompt: "Once",
                           parameters: SamplingParameters(maxTokens: 2, seed: 7, topLogprobs: 5))
    }

    func testOnlyAnEngineThatListsTheCapabilityReceivesTheField() throws {
        let token = #"{"id": 5, "text": " up", "bytes": [32, 117, 112], "logprob": -0.1, "model_logprob": -0.2, "top_logprobs": []}"#
        let peer = try LoopbackPeer(answers: [
            "/v1/engines": .init(pieces: [Self.listing]),
            "/v1/engines/gives/completions": .init(pieces: [
                "{\"text\": \" up\", \"reached_end\": false, \"tokens\": [\(token)]}\n\n",
                "{\"text\": \"\", \"reached_end\": true}\n\n"]),
            "/v1/engines/plain/completions": .init(pieces: ["{\"text\": \" up\", \"reached_end\": true}\n\n"]),
            "/v1/engines/unlisted/completions": .init(pieces: ["{\"text\": \" up\", \"reached_end\": true}\n\n"]),
        ])
        let log = EventLog()
        let client = TextSynthClient(baseURL: peer.url)
        let api = APIRequests(configuration: PlaygroundConfiguration(backend: .textSynth(client), backendName: "local")) {
            log.record($0)
        }
        // Before the listing is known nothing is sent with the field, not even to the engine that will list it.
        api.start(snapshot(1, engine: "unlisted"), as: .playground(1))
        _ = log.wait { $0.contains { if case .streamFinished(.playground(1), _) = $0 { true } else { false } } }
        api.loadEngineDirectory(translation: false)
        let listed = log.wait { $0.contains { if case .enginesListed = $0 { true } else { false } } }
        XCTAssertTrue(listed.contains(.enginesListed([
            EngineChoice(id: "gives", displayName: "gives", contextLength: 1024, family: .textSynth, givesTokenLogprobs: true),
            EngineChoice(id: "plain", displayName: "plain", contextLength: 1024, family: .textSynth, givesTokenLogprobs: false),
        ])), "\(listed)")
        api.start(snapshot(2, engine: "gives"), as: .playground(2))
        api.start(snapshot(3, engine: "plain"), as: .playground(3))
        let events = log.wait { events in
            events.filter { if case .streamFinished = $0 { true } else { false } }.count == 3
        }
        let bodies = Dictionary(peer.requests.filter { $0.path.hasSuffix("/completions") }.map { ($0.path, $0.body) },
                                uniquingKeysWith: { a, _ in a })
        XCTAssertTrue(bodies["/v1/engines/gives/completions"]?.contains("\"top_logprobs\":5") ?? false, "\(bodies)")
        XCTAssertFalse(bodies["/v1/engines/plain/completions"]?.contains("top_logprobs") ?? true, "\(bodies)")
        XCTAssertFalse(bodies["/v1/engines/unlisted/completions"]?.contains("top_logprobs") ?? true, "\(bodies)")
        XCTAssertTrue(events.contains(.streamTokens(request: .playground(2), index: 0, text: " up", tokens: [
            TokenLogprob(id: 5, text: " up", bytes: [32, 117, 112], logprob: -0.1, modelLogprob: -0.2, topLogprobs: [])])),
                      "\(events)")
    }

    /// An OpenAI-compatible server's `logprobs` feed the inspector the same way.
    func testOpenAIServersLogprobsBecomeTokens() throws {
        let chunk = #"{"choices":[{"index":0,"text":" up","finish_reason":null,"logprobs":{"tokens":[" up"],"token_logprobs":[-0.1],"top_logprobs":[{" up":-0.1," down":-2.3}],"text_offset":[4]}}]}"#
        let peer = try LoopbackPeer(answers: ["/v1/completions": .init(pieces: ["data: \(chunk)\n\n", "data: [DONE]\n\n"])])
        let log = EventLog()
        let api = APIRequests(configuration: PlaygroundConfiguration(
            backend: .openAI(OpenAIClient(baseURL: peer.url + "/v1")), backendName: "llama")) { log.record($0) }
        var request = snapshot(1, engine: "qwen3")
        request.backend = "llama"
        api.start(request, as: .playground(1))
        let events = log.wait { $0.contains { if case .streamFinished = $0 { true } else { false } } }
        XCTAssertTrue(peer.requests.first?.body.contains("\"logprobs\":5") ?? false, "\(peer.requests)")
        guard case .streamTokens(_, 0, " up", let tokens)? = events.first else { return XCTFail("\(events)") }
        XCTAssertEqual(tokens.map(\.text), [" up"])
        XCTAssertEqual(tokens.first?.logprob, -0.1)
        XCTAssertEqual(tokens.first?.topLogprobs.map(\.text), [" up", " down"])
    }

    func testTheCloudIsNeverAskedForTokens() {
        let client = TextSynthClient(baseURL: TextSynthClient.cloudURL)
        XCTAssertEqual(client.knownTokenLogprobsSupport(engine: "gptj_6B"), false)
    }

    func testAContinuationIsScoredByLogprobAndAFailureSaysWhy() throws {
        let peer = try LoopbackPeer(answers: [
            "/v1/engines/gives/logprob": .init(pieces: [#"{"logprob": -1.25, "num_tokens": 2, "is_greedy": true, "input_tokens": 3}"#]),
        ])
        let log = EventLog()
        let client = TextSynthClient(baseURL: peer.url)
        var configuration = PlaygroundConfiguration(backend: .textSynth(client), backendName: "local")
        configuration.otherBackends["oa"] = .openAI(OpenAIClient(baseURL: peer.url + "/v1"))
        let api = APIRequests(configuration: configuration) { log.record($0) }
        api.scoreContinuation(.playground(4), backend: "local", engine: "gives",
                              request: LogprobRequest(context: "The sky is", continuation: " blue"))
        api.scoreContinuation(.playground(5), backend: "oa", engine: "gives",
                              request: LogprobRequest(context: "The sky is", continuation: " blue"))
        let events = log.wait { $0.count >= 2 }
        XCTAssertTrue(events.contains(.continuationScored(request: .playground(4), answer: LogprobAnswer(
            logprob: -1.25, numTokens: 2, isGreedy: true, inputTokens: 3))), "\(events)")
        XCTAssertTrue(events.contains(.requestFailed(request: .playground(5), message: "oa has no logprob endpoint",
                                                     status: nil)), "\(events)")
        XCTAssertTrue(peer.requests.first?.body.contains("\"continuation\":\" blue\"") ?? false)
    }
}
