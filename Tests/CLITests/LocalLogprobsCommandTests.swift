import Foundation
import TestPeer
import XCTest

/// `complete --logprobs` and `score` end to end on the embedded engine (SmolLM2), which lists token_logprobs.
final class LocalLogprobsCommandTests: LocalEngineCLITestCase {
    func testGreedyCompletionTableHasARowPerTokenWithTheChoiceFirstAtCertainty() throws {
        let result = try synthpad.run(["complete", "--logprobs", "3", "--top-k", "1", "--max-tokens", "4",
                                       "The capital of France is"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix(" Paris"), result.stdout)
        // The text (here " Paris.\n\n", newlines and all), its final newline, a blank line, then the table.
        let lines = result.stdout.components(separatedBy: "\n")
        let header = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("#") }, result.stdout)
        XCTAssertEqual(squeezed(lines[header]), "# token prob logprob model alternatives")
        XCTAssertEqual(lines[header - 1], "", "a blank line before the table")
        let rows = lines[(header + 1)...].filter { !$0.isEmpty }.map { squeezed($0) }
        XCTAssertEqual(rows.count, 4, result.stdout)
        // Position, token, prob, logprob, model logprob, then the alternatives: one, the chosen token, at 100%.
        let pattern = try NSRegularExpression(pattern: #"^(\d+) (".*?") ([0-9.]+%) (-?[0-9.]+) (-?[0-9.]+) (".*") ([0-9.]+%)$"#)
        for (index, row) in rows.enumerated() {
            let match = try XCTUnwrap(pattern.firstMatch(in: row, range: NSRange(row.startIndex..., in: row)), row)
            let cell = { (group: Int) in String(row[Range(match.range(at: group), in: row)!]) }
            XCTAssertEqual(cell(1), String(index + 1))
            // Greedy decoding draws for certain: 100%, logprob 0; the model's own logprob is below 0.
            XCTAssertEqual(cell(3), "100.0%", row)
            XCTAssertEqual(cell(4), "0.0000", row)
            XCTAssertLessThan(try XCTUnwrap(Double(cell(5))), 0, row)
            XCTAssertEqual(cell(6), cell(2), "the first (only) alternative is the chosen token: \(row)")
            XCTAssertEqual(cell(7), "100.0%", row)
        }
        XCTAssertTrue(rows.first?.hasPrefix("1 \" Paris\"") == true, rows.first ?? "")
    }

    func testScoreRanksTheTrueCapitalFirst() throws {
        let result = try synthpad.run(["score", "--context", "The capital of France is", " Berlin.", " Paris."])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.split(separator: "\n").map { squeezed(String($0)).trimmingCharacters(in: .whitespaces) }
        XCTAssertEqual(lines.first, "rank logprob tokens average greedy candidate")
        XCTAssertTrue(lines[1].hasPrefix("1 -") && lines[1].hasSuffix("\" Paris.\""), result.stdout)
        XCTAssertTrue(lines[2].hasPrefix("2 -") && lines[2].hasSuffix("\" Berlin.\""), result.stdout)
        XCTAssertTrue(lines.last?.hasPrefix("credits spent: ") == true, "the local engine reports a balance: \(result.stdout)")
    }
}
