import Foundation
import TestPeer
import XCTest

/// `synthpad score` against the scripted peer: ranking, averages, the greedy mark, the credits, bad input.
final class ScoreCommandTests: PeerCLITestCase {
    private let logprob = "/v1/engines/gptj_6B/logprob"

    /// Scores by continuation: " Paris." is likely and greedy, " Berlin." is not; `num_tokens` only when `counts`.
    private func routeLogprob(counts: Bool) {
        peer.route(logprob) { request in
            let continuation = request.json?["continuation"] as? String ?? ""
            var answer: [String: Any] = ["logprob": continuation == " Paris." ? -1.5 : -9.0,
                                         "is_greedy": continuation == " Paris.", "input_tokens": 6]
            if counts { answer["num_tokens"] = 2 }
            return .json(answer)
        }
    }

    func testRanksByTotalWithAveragesGreedyMarkAndCredits() throws {
        routeLogprob(counts: true)
        peer.route("GET", "/v1/credits", .json(["credits": 5_000_000_000]), .json(["credits": 4_999_000_000]))
        let result = try synthpad.run(["score", "--url", peer.baseURL, "--context", "The capital of France is",
                                       " Berlin.", " Paris."])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map { squeezed(String($0)).trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(lines, ["rank logprob tokens average greedy candidate",
                               "1 -1.5000 2 -0.7500 yes \" Paris.\"",
                               "2 -9.0000 2 -4.5000 \" Berlin.\"",
                               "credits spent: 0.001000 for 2 candidates"])
        XCTAssertEqual(peer.requests(to: "/v1/credits").count, 2, "the balance is asked once before and once after")
        let sent = peer.requests(to: logprob).compactMap { $0.json?["context"] as? String }
        XCTAssertEqual(sent, ["The capital of France is", "The capital of France is"])
    }

    func testJSONIsOneObjectPerCandidateInRankOrderFromStandardInput() throws {
        routeLogprob(counts: true)
        let result = try synthpad.run(["score", "--url", peer.baseURL, "--json", "--context", "X"],
                                      input: " Berlin.\n Paris.\n")
        XCTAssertEqual(result.status, 0, result.stderr)
        let objects = result.stdout.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        XCTAssertEqual(objects.count, 2, result.stdout)
        XCTAssertEqual(objects.compactMap { $0["candidate"] as? String }, [" Paris.", " Berlin."])
        XCTAssertEqual(objects.compactMap { $0["rank"] as? Int }, [1, 2])
        XCTAssertEqual(objects.first?["average_logprob"] as? Double, -0.75)
        XCTAssertEqual(objects.first?["is_greedy"] as? Bool, true)
    }

    func testWithoutTokenCountsItTokenizesAndWithoutTokenizeItLeavesTheAverageOutAndSaysSo() throws {
        routeLogprob(counts: false)
        peer.route("/v1/engines/gptj_6B/tokenize", .json(["tokens": [1, 2, 3]]))
        let tokenized = try synthpad.run(["score", "--url", peer.baseURL, " Paris."])
        XCTAssertEqual(tokenized.status, 0, tokenized.stderr)
        XCTAssertTrue(squeezed(tokenized.stdout).contains("1 -1.5000 3 -0.5000 yes \" Paris.\""), tokenized.stdout)

        peer.route("/v1/engines/gptj_6B/tokenize", .error(404, "no such endpoint"))
        let unknown = try synthpad.run(["score", "--url", peer.baseURL, " Paris.", " Berlin."])
        XCTAssertEqual(unknown.status, 0, unknown.stderr)
        XCTAssertTrue(squeezed(unknown.stdout).contains("1 -1.5000 - - yes \" Paris.\""), unknown.stdout)
        XCTAssertTrue(unknown.stderr.contains("average per token is left out"), unknown.stderr)
        XCTAssertFalse(unknown.stdout.contains("credits spent"), "the peer reports no balance")
    }

    func testEmptyCandidatesAndAnEmptyListAreRefusedBeforeTheNetwork() throws {
        let empty = try synthpad.run(["score", "--url", peer.baseURL, " Paris.", ""])
        XCTAssertEqual(empty.status, 64)
        XCTAssertEqual(empty.stderr, "synthpad: candidate 2 of 2 is empty (each must be a non-empty continuation)\n")
        let none = try synthpad.run(["score", "--url", peer.baseURL], input: "")
        XCTAssertEqual(none.status, 64)
        XCTAssertTrue(none.stderr.contains("no candidates to score"), none.stderr)
        XCTAssertTrue(peer.requests.isEmpty, "bad input reached the network")
    }

    func testOpenAIBackendSaysScoringIsUnavailable() throws {
        let result = try synthpad.run(["score", "--api", "openai", "--url", peer.baseURL + "/v1", "--engine", "m", " Paris."])
        XCTAssertEqual(result.status, 64)
        XCTAssertTrue(result.stderr.contains("`synthpad score` needs a TextSynth server"), result.stderr)
        XCTAssertTrue(peer.requests.allSatisfy { !$0.path.hasSuffix("logprob") })
    }
}
