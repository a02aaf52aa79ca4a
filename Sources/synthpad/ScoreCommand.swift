import ArgumentParser
import Foundation
import SynthKit

struct ScoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Rank candidate continuations of a context by log-probability (the logprob endpoint: the cloud and local engines).")

    @Option(help: "The context every candidate continues (empty: the start of a text).")
    var context = ""

    @Argument(help: "The candidates, not empty (one per line on standard input when absent).")
    var candidates: [String] = []

    @OptionGroup var backendOptions: BackendOptions

    @Flag(help: "Print one JSON object per candidate, best first.")
    var json = false

    func run() async throws {
        let list = try candidateList()
        let backend = try await backendOptions.resolve()
        let client = try backend.textSynthClient(for: "score")
        let outcome = try await cancellingOnInterrupt { [context] in
            try await CandidateScorer(client: client, engine: backend.engine).score(list, context: context)
        }
        if json {
            for score in outcome.ranked { try Output.json(score) }
        } else {
            ScoreTable.lines(outcome.ranked).forEach(Output.line)
        }
        // Notes go to standard error so that --json stays one object per line.
        if outcome.ranked.contains(where: { $0.tokens == nil }) {
            Output.note("synthpad: the average per token is left out: \(backend.label) gave no token counts and does not tokenize")
        }
        if let spent = outcome.creditsSpent {
            let line = "credits spent: \(String(format: "%.6f", spent)) for \(list.count) candidate\(list.count == 1 ? "" : "s")"
            if json { Output.note("synthpad: \(line)") } else { Output.line(line) }
        }
    }

    /// The candidates from the arguments or standard input, each checked before anything is sent.
    func candidateList() throws -> [String] {
        let list: [String]
        if candidates.isEmpty {
            let text = try inputText([], what: "candidates (one per line)")
            list = text.isEmpty ? [] : text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        } else {
            list = candidates
        }
        guard !list.isEmpty else {
            throw CLIError.usage("no candidates to score: give them as arguments or one per line on standard input")
        }
        if let empty = list.firstIndex(of: "") {
            throw CLIError.usage("candidate \(empty + 1) of \(list.count) is empty (each must be a non-empty continuation)")
        }
        for candidate in list { try LogprobRequest(context: context, continuation: candidate).validate() }
        return list
    }
}

/// `score`'s readable table: rank, total logprob, tokens, average per token, greedy mark, the candidate.
enum ScoreTable {
    static func lines(_ scores: [CandidateScore]) -> [String] {
        let header = ["rank", "logprob", "tokens", "average", "greedy", "candidate"]
        let rows = scores.map { score in
            [String(score.rank), TokenTable.number(score.logprob), score.tokens.map(String.init) ?? "-",
             score.averageLogprob.map(TokenTable.number) ?? "-", score.isGreedy ? "yes" : "",
             TokenTable.quoted(score.candidate)]
        }
        return TextTable.lines([header] + rows, leftAligned: [4])
    }
}
