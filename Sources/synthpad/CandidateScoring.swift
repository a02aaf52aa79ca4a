import Foundation
import SynthKit

/// One candidate continuation, scored by the logprob endpoint.
struct CandidateScore: Encodable {
    var rank = 0
    var candidate: String
    /// Sum of the log-probabilities of the candidate's tokens after the context.
    var logprob: Double
    /// The candidate's token count: the logprob answer's `num_tokens`, else `tokenize`'s; nil when neither says.
    var tokens: Int?
    var isGreedy: Bool

    var averageLogprob: Double? { tokens.flatMap { $0 > 0 ? logprob / Double($0) : nil } }

    enum CodingKeys: String, CodingKey {
        case rank, candidate, logprob, tokens, averageLogprob = "average_logprob", isGreedy = "is_greedy"
    }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rank, forKey: .rank)
        try c.encode(candidate, forKey: .candidate)
        try c.encode(logprob, forKey: .logprob)
        try c.encode(tokens, forKey: .tokens)  // null said, not left out: "unknown" is an answer
        try c.encode(averageLogprob, forKey: .averageLogprob)
        try c.encode(isGreedy, forKey: .isGreedy)
    }
}

/// Scores candidates one after the other on a TextSynth-protocol engine and ranks them, best first.
struct CandidateScorer {
    let client: TextSynthClient
    let engine: String

    struct Outcome {
        var ranked: [CandidateScore]
        /// Credits the scoring cost (balance before minus after); nil when the backend reports no balance.
        var creditsSpent: Double?
    }

    func score(_ candidates: [String], context: String) async throws -> Outcome {
        // The balance is asked once before and once after: per-request prices are not published by every server.
        let before = try await balance()
        var scores: [CandidateScore] = []
        var canTokenize = true
        for candidate in candidates {
            let answer = try await client.logprob(engine: engine, request: LogprobRequest(context: context, continuation: candidate))
            var count = answer.numTokens
            if count == nil, canTokenize {
                count = try await tokenCount(candidate)
                canTokenize = count != nil
            }
            scores.append(CandidateScore(candidate: candidate, logprob: answer.logprob, tokens: count, isGreedy: answer.isGreedy))
        }
        let after = before == nil ? nil : try await balance()
        // Stable: equal totals keep the order they were given in.
        let ranked = scores.enumerated().sorted { ($0.element.logprob, -$0.offset) > ($1.element.logprob, -$1.offset) }
            .enumerated().map { place, entry in
                var score = entry.element
                score.rank = place + 1
                return score
            }
        let spent = before.flatMap { before in after.map { Double(before - $0) / 1e9 } }
        return Outcome(ranked: ranked, creditsSpent: spent)
    }

    /// nil when the server has no balance to report (a self-hosted server without `/v1/credits`).
    private func balance() async throws -> Int64? {
        do { return try await client.credits().credits } catch let error as APIError where error.meansEndpointNotOffered {
            return nil
        }
    }

    /// nil when the server does not tokenize.
    private func tokenCount(_ candidate: String) async throws -> Int? {
        do { return try await client.tokenize(engine: engine, request: TokenizeRequest(text: candidate)).tokens.count }
        catch let error as APIError where error.meansEndpointNotOffered { return nil }
    }
}
