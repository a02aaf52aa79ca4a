import Foundation
import SynthKit
import TestPeer
import XCTest

/// Which engines are sent `top_logprobs` (those whose `GET /v1/engines` lists token_logprobs), and OpenAI's
/// logprobs read into the same per-token values. Against TestPeer, a scripted TEST DOUBLE.
final class TokenLogprobsSupportTests: XCTestCase {
    var peer: TestPeer!

    override func setUpWithError() throws { peer = try TestPeer() }
    override func tearDown() { peer.shutdown() }

    func testTheListIsAskedOncePerClientAndOnlyListedEnginesQualify() async throws {
        peer.route("GET", "/v1/engines", .json(["engines": [
            ["id": "smollm2_135M", "aliases": ["small"], "capabilities": ["completions", "token_logprobs"]],
            ["id": "apertium", "capabilities": ["translate"]],
        ]]))
        let client = TextSynthClient(baseURL: peer.baseURL)
        let first = try await client.tokenLogprobsSupport(engine: "smollm2_135M")
        let again = try await client.tokenLogprobsSupport(engine: "smollm2_135M")
        XCTAssertTrue(first)
        XCTAssertTrue(again)
        let byAlias = try await client.tokenLogprobsSupport(engine: "small")
        XCTAssertTrue(byAlias)
        let translator = try await client.tokenLogprobsSupport(engine: "apertium")
        XCTAssertFalse(translator)
        let unknown = try await client.tokenLogprobsSupport(engine: "gptj_6B")
        XCTAssertFalse(unknown)
        XCTAssertEqual(peer.requests(to: "/v1/engines").count, 4, "one question per engine, the repeat answered from memory")
    }

    func testAServerWithoutAListDoesNotQualifyAndTheRefusalSaysWhereToTurn() async throws {
        let client = TextSynthClient(baseURL: peer.baseURL)  // the peer answers 404, as the cloud does
        do {
            try await client.requireTokenLogprobs(engine: "gptj_6B")
            XCTFail("accepted an engine that does not list the capability")
        } catch let refusal as TokenLogprobsUnavailable {
            XCTAssertEqual(refusal, TokenLogprobsUnavailable(engine: "gptj_6B", url: peer.baseURL))
            XCTAssertTrue(refusal.description.contains("`synthpad score` works everywhere"), refusal.description)
        }
    }

    func testTextSynthsCloudIsNeverAskedAndNeverQualifies() async throws {
        let client = TextSynthClient(baseURL: TextSynthClient.cloudURL, options: TransportOptions())
        let supported = try await client.tokenLogprobsSupport(engine: "gptj_6B")
        XCTAssertFalse(supported)
    }

    func testOpenAIChatAndCompletionLogprobsBecomePerTokenValues() throws {
        let chat = #"data: {"choices":[{"index":0,"delta":{"content":"é"},"logprobs":{"content":[{"token":"é","logprob":-0.5,"bytes":[195,169],"top_logprobs":[{"token":"é","logprob":-0.5},{"token":"e","logprob":-1.5}]}]}}]}"#
            + "\n\ndata: [DONE]\n\n"
        var decoder = OpenAIStreamDecoder()
        var tokens: [TokenLogprob] = []
        for byte in Array(chat.utf8) {  // every split, one byte at a time
            for answer in try decoder.feed(Data([byte])) { tokens += answer.tokens?.first ?? [] }
        }
        XCTAssertEqual(tokens, [TokenLogprob(id: -1, text: "é", bytes: [195, 169], logprob: -0.5, modelLogprob: -0.5,
                                             topLogprobs: [.init(id: -1, text: "é", logprob: -0.5),
                                                           .init(id: -1, text: "e", logprob: -1.5)])])

        let completion = #"data: {"choices":[{"index":0,"text":" a b","logprobs":{"tokens":[" a"," b"],"token_logprobs":[-0.1,null],"top_logprobs":[{" c":-3.0," a":-0.1},null]}}]}"#
            + "\n\ndata: [DONE]\n\n"
        var legacy = OpenAIStreamDecoder()
        let answers = try legacy.feed(Data(completion.utf8)) + legacy.finish()
        let listed = answers.compactMap { $0.tokens?.first }.flatMap { $0 }
        XCTAssertEqual(listed.map(\.text), [" a"], "a token the server gave no value for is left out")
        XCTAssertEqual(listed.map(\.bytes), [Array(" a".utf8)])
        XCTAssertEqual(listed[0].topLogprobs.map(\.text), [" a", " c"], "most probable first")
        XCTAssertEqual(listed[0].logprob, -0.1)
    }
}
