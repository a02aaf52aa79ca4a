import Foundation
import TestPeer
import XCTest

/// The command line with no API key: every command runs on the embedded local engine (SmolLM2 + Apertium),
/// through a real loopback HTTP server and the same client the cloud uses.
final class LocalEngineCommandTests: LocalEngineCLITestCase {
    func testGreedyCompletionOfTheCapitalOfFrance() throws {
        let result = try synthpad.run(["complete", "--max-tokens", "3", "--top-k", "1", "The capital of France is"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix(" Paris"), result.stdout)
    }

    func testSeededSamplingRepeatsAcrossRuns() throws {
        let arguments = ["complete", "--max-tokens", "12", "--temperature", "1.2", "--seed", "7", "Once upon a time"]
        let first = try synthpad.run(arguments)
        let second = try synthpad.run(arguments)
        XCTAssertEqual(first.status, 0, first.stderr)
        XCTAssertEqual(first.stdout, second.stdout)
        XCTAssertFalse(first.stdout.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
    }

    func testTranslationIsAlignedLineByLineAndPivotsWhenNeeded() throws {
        let toSpanish = try synthpad.run(["translate", "--from", "en", "--to", "es"],
                                         input: "The quick brown fox jumps over the lazy dog.\nHello world\n")
        XCTAssertEqual(toSpanish.status, 0, toSpanish.stderr)
        let lines = toSpanish.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        XCTAssertEqual(lines.count, 2)
        XCTAssertTrue(lines[0].contains("zorro"), toSpanish.stdout)
        // No direct English→French pair is installed: the engine goes through Spanish (or Esperanto).
        let toFrench = try synthpad.run(["translate", "--from", "en", "--to", "fr", "The quick brown fox jumps over the lazy dog."])
        XCTAssertEqual(toFrench.status, 0, toFrench.stderr)
        XCTAssertTrue(toFrench.stdout.contains("renard"), toFrench.stdout)
    }

    func testUnsupportedLanguagePairNamesThePairsThatWork() throws {
        let result = try synthpad.run(["translate", "--from", "en", "--to", "zu", "Hi"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("400") && result.stderr.contains("en-es"), result.stderr)
    }

    func testTokenizeAndLogprob() throws {
        let tokens = try synthpad.run(["tokenize", "Hello world"])
        XCTAssertEqual(tokens.stdout, "19556 905\n", tokens.stderr)
        let logprob = try synthpad.run(["logprob", "--json", "--context", "The capital of France is", " Paris"])
        XCTAssertEqual(logprob.status, 0, logprob.stderr)
        let answer = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(logprob.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(answer["is_greedy"] as? Bool, true)
        // llama.cpp gives log p(" Paris") = -0.248 on this file (shared/reference).
        XCTAssertEqual(try XCTUnwrap(answer["logprob"] as? Double), -0.248, accuracy: 0.05)
    }

    func testCreditsGoDownAfterARequest() throws {
        let before = try XCTUnwrap(Double(try synthpad.run(["credits"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        _ = try synthpad.run(["complete", "--max-tokens", "4", "Hello"])
        let after = try XCTUnwrap(Double(try synthpad.run(["credits"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertLessThan(after, before)
    }

    func testImageOnTheLocalEngineIsAClearError() throws {
        let result = try synthpad.run(["image", "an astronaut riding a horse"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("image"), result.stderr)
        XCTAssertEqual(result.stderr.filter { $0 == "\n" }.count, 1)
    }
}
