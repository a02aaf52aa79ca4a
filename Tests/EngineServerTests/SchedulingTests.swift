// Continuous batching seen from clients: parallel streams move together, a hang-up frees its slot,
// a full queue says 429, an overlong prompt loses its beginning.

import Foundation
import TestPeer
import XCTest
@testable import EngineServer
import SynthKit

final class SchedulingTests: XCTestCase {
    /// Reads a streamed completion, noting when each object arrives.
    private struct StreamLog: Sendable {
        var arrivals: [Date] = []
        var finishedAt: Date?
    }

    private static func streamCompletion(port: Int, maxTokens: Int, seed: Int) async throws -> StreamLog {
        try await LoopbackHTTP.onOwnThread {
            let connection = try LoopbackConnection(port: port)
            let body = try JSONSerialization.data(withJSONObject: [
                "prompt": "Once upon a time, in a land far away,", "max_tokens": maxTokens, "stream": true,
                "seed": seed, "temperature": 0.8,
                // End-of-text tokens banned: every stream runs its full length.
                "logit_bias": ["0": -100, "1": -100, "2": -100],
            ] as [String: Any])
            try connection.send(method: "POST", path: "/v1/engines/smollm2_135M/completions", body: body)
            let (status, headers) = try connection.readHead()
            XCTAssertEqual(status, 200)
            var log = StreamLog()
            var pending = ""
            while let piece = try connection.readBodyPiece(headers: headers) {
                pending += String(decoding: piece, as: UTF8.self)
                while let range = pending.range(of: "\n\n") {
                    let object = String(pending[..<range.lowerBound])
                    pending.removeSubrange(..<range.upperBound)
                    log.arrivals.append(Date())
                    if object.contains("\"reached_end\":true") { log.finishedAt = Date() }
                }
            }
            return log
        }
    }

    func testFourStreamsProgressTogether() async throws {
        let (server, port) = try await SharedModel.startServer()
        let logs = try await withThrowingTaskGroup(of: StreamLog.self) { group in
            for seed in 1...4 { group.addTask { try await Self.streamCompletion(port: port, maxTokens: 12, seed: seed) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        await server.shutdown()
        XCTAssertEqual(logs.count, 4)
        let firstFinish = try XCTUnwrap(logs.compactMap(\.finishedAt).min())
        XCTAssertEqual(logs.compactMap(\.finishedAt).count, 4, "every stream must end with reached_end")
        for log in logs {
            // Each stream had output before any of them was done: they were decoded in the same batches.
            XCTAssertGreaterThan(log.arrivals.count, 2)
            XCTAssertLessThan(try XCTUnwrap(log.arrivals.first), firstFinish)
        }
    }

    func testDisconnectFreesTheSlot() async throws {
        let (server, port) = try await SharedModel.startServer { $0.maxActiveSequences = 1; $0.maxQueuedSequences = 0 }
        let (connection, _) = try LoopbackConnection.longCompletion(port: port)
        XCTAssertEqual(server.activeSequences, 1)

        // While the only slot is busy and the queue is empty-sized, another request is refused.
        let refused = try await LoopbackHTTP.request(port: port, path: "/v1/engines/smollm2_135M/completions",
                                                     json: ["prompt": "Hi", "max_tokens": 2])
        XCTAssertEqual(refused.status, 429, refused.text)
        XCTAssertEqual(try refused.json()["status"] as? Int, 429)

        connection.hangUp()
        let deadline = Date().addingTimeInterval(5)
        while server.activeSequences > 0 && Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        XCTAssertEqual(server.activeSequences, 0, "the slot of a disconnected stream must be freed")
        // What was generated before the hang-up is still paid for.
        let credits = try await LoopbackHTTP.get(port: port, path: "/v1/credits")
        XCTAssertLessThan(try XCTUnwrap(try credits.json()["credits"] as? Int), 1000 * 1_000_000_000)
        let next = try await LoopbackHTTP.request(port: port, path: "/v1/engines/smollm2_135M/completions",
                                                  json: ["prompt": "Hi", "max_tokens": 2])
        await server.shutdown()
        XCTAssertEqual(next.status, 200, next.text)
    }

    func testDisconnectDuringAWholeAnswerFreesTheSlot() async throws {
        let (server, port) = try await SharedModel.startServer()
        let (connection, _) = try LoopbackConnection.longCompletion(port: port, stream: false)
        var deadline = Date().addingTimeInterval(5)
        while server.activeSequences == 0 && Date() < deadline { try await Task.sleep(nanoseconds: 10_000_000) }
        XCTAssertEqual(server.activeSequences, 1)
        connection.hangUp()
        deadline = Date().addingTimeInterval(5)
        while server.activeSequences > 0 && Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        XCTAssertEqual(server.activeSequences, 0, "a request whose client left must not keep generating")
        await server.shutdown()
    }

    func testAKeptCacheSkipsTheSharedPrefixWithoutChangingTheAnswer() async throws {
        let (server, port) = try await SharedModel.startServer()
        let path = "/v1/engines/smollm2_135M/completions"
        let prompt = "The capital of France is"
        let first = try await LoopbackHTTP.request(port: port, path: path,
                                                   json: ["prompt": prompt, "max_tokens": 6, "top_k": 1])
        XCTAssertEqual(server.reusedPromptTokens, 0)
        let again = try await LoopbackHTTP.request(port: port, path: path,
                                                   json: ["prompt": prompt, "max_tokens": 6, "top_k": 1])
        // All but the last prompt token came from the kept cache, and the greedy answer is the same.
        XCTAssertEqual(server.reusedPromptTokens, 4)
        XCTAssertEqual(try again.json()["text"] as? String, try first.json()["text"] as? String)
        XCTAssertEqual(try again.json()["input_tokens"] as? Int, 5)

        // A longer prompt that starts with the first answer (a chat's next turn) reuses prompt and answer.
        let extended = prompt + (try first.json()["text"] as? String ?? "") + " And Germany?"
        let onward = try await LoopbackHTTP.request(port: port, path: path,
                                                    json: ["prompt": extended, "max_tokens": 4, "top_k": 1])
        XCTAssertGreaterThan(server.reusedPromptTokens, 4 + 5)
        let logprobFresh = try await LoopbackHTTP.request(
            port: port, path: "/v1/engines/smollm2_135M/logprob", json: ["context": prompt, "continuation": " Paris"])
        let logprobReused = try await LoopbackHTTP.request(
            port: port, path: "/v1/engines/smollm2_135M/logprob", json: ["context": prompt, "continuation": " Paris"])
        await server.shutdown()
        XCTAssertEqual(onward.status, 200, onward.text)
        XCTAssertEqual(try XCTUnwrap(try logprobReused.json()["logprob"] as? Double),
                       try XCTUnwrap(try logprobFresh.json()["logprob"] as? Double), accuracy: 1e-4)
    }

    func testCompletionsOfOnePromptReadItOnceAndAnswerAsIfAlone() async throws {
        let (server, port) = try await SharedModel.startServer()
        let path = "/v1/engines/smollm2_135M/completions"
        let prompt = "Write three short facts about the moon, one per line:"
        let promptTokens = try SharedModel.model().promptTokens(prompt).count
        // n = 3 (greedy, so every completion has one right answer to compare with a request run alone).
        let together = try await LoopbackHTTP.request(port: port, path: path, json: [
            "prompt": prompt, "max_tokens": 5, "n": 3, "top_k": 1])
        XCTAssertEqual(together.status, 200, together.text)
        // The two followers copied all but the last prompt token from the first instead of evaluating them.
        XCTAssertEqual(server.reusedPromptTokens, 2 * (promptTokens - 1))
        let texts = try XCTUnwrap(try together.json()["text"] as? [String])
        let alone = try await LoopbackHTTP.request(port: port, path: path, json: [
            "prompt": prompt, "max_tokens": 5, "top_k": 1])
        let aloneText = try XCTUnwrap(try alone.json()["text"] as? String)
        await server.shutdown()
        XCTAssertEqual(texts, [aloneText, aloneText, aloneText], "a shared prompt changes nothing in the answers")
    }

    func testAFollowerWhoseLeaderLeavesEarlyReadsThePromptItself() async throws {
        // The scheduler itself, prefilling 4 tokens a step: the leader is still reading a long prompt when it leaves.
        var configuration = TestServers.configuration()
        configuration.prefillChunkTokens = 4
        let generator = LocalGenerator(localModel: try SharedModel.model(), configuration: configuration) { _, _ in }
        defer { generator.stop() }
        let prompt = String(repeating: "The tide came in and the tide went out. ", count: 20) + "Then"
        var parameters = SamplingParameters.defaults
        parameters.maxTokens = 6
        parameters.topK = 1
        let spec = generator.completionJob(prompt: prompt, parameters: parameters)
        let (leader, leaderEvents) = try generator.submit(spec)  // kept: a dropped stream cancels its job at once
        let (_, followerEvents) = try generator.submit(spec)
        // Both hold a slot (the follower waiting for the leader's prefill), then the leader goes.
        let deadline = Date().addingTimeInterval(10)
        while generator.scheduler.activeSequences < 2 && Date() < deadline { try await Task.sleep(nanoseconds: 1_000_000) }
        XCTAssertEqual(generator.scheduler.activeSequences, 2)
        leader.cancel()
        generator.scheduler.wake()
        withExtendedLifetime(leaderEvents) {}
        let followed = try await Self.text(of: followerEvents, within: 60)  // a follower left waiting would hang
        // Nothing was copied from a leader that left before reading the shared beginning.
        XCTAssertEqual(generator.scheduler.reusedPromptTokens, 0)
        let fresh = LocalGenerator(localModel: try SharedModel.model(), configuration: configuration) { _, _ in }
        defer { fresh.stop() }
        let (_, reference) = try fresh.submit(fresh.completionJob(prompt: prompt, parameters: parameters))
        let expected = try await Self.text(of: reference, within: 60)
        XCTAssertFalse(expected.isEmpty)
        XCTAssertEqual(followed, expected)
    }

    /// The whole text of a one-completion job's events; fails after `seconds` rather than waiting forever.
    private static func text(of events: AsyncStream<InferenceEvent>, within seconds: Double) async throws -> String {
        try await withThrowingTaskGroup(of: String?.self) { group in
            group.addTask {
                var text = ""
                for await event in events {
                    switch event {
                    case .progress(let pieces): text += pieces[0]
                    case .completed(let last, _): return text + last[0]
                    case .failed(let message): XCTFail(message); return nil
                    case .logprob, .tokens: break
                    }
                }
                return text
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return try XCTUnwrap(first, "no answer within \(seconds) s")
        }
    }

    func testQueuedRequestsWaitForAFreeSlot() async throws {
        let (server, port) = try await SharedModel.startServer { $0.maxActiveSequences = 2; $0.maxQueuedSequences = 8 }
        let replies = try await withThrowingTaskGroup(of: HTTPReply.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await LoopbackHTTP.request(port: port, path: "/v1/engines/smollm2_135M/completions",
                                                   json: ["prompt": "Hello", "max_tokens": 3, "n": 2])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        await server.shutdown()
        XCTAssertEqual(replies.map(\.status), [200, 200, 200, 200])
        for reply in replies { XCTAssertEqual((try reply.json()["text"] as? [String])?.count, 2) }
    }

    func testOverlongPromptLosesItsBeginning() async throws {
        let (server, port) = try await SharedModel.startServer(model: try SharedModel.smallContextModel())
        let prompt = String(repeating: "one two three four five six seven eight nine ten ", count: 8)
        let reply = try await LoopbackHTTP.request(port: port, path: "/v1/engines/smollm2_135M/completions",
                                                   json: ["prompt": prompt, "max_tokens": 8, "top_k": 1])
        await server.shutdown()
        XCTAssertEqual(reply.status, 200, reply.text)
        let json = try reply.json()
        XCTAssertEqual(json["truncated_prompt"] as? Bool, true)
        XCTAssertEqual(json["input_tokens"] as? Int, 40)
        XCTAssertEqual(json["output_tokens"] as? Int, 8)
    }
}
