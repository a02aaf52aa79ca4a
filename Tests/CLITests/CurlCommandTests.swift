import Foundation
import TestPeer
import XCTest

/// `--curl` prints the request as a curl command and sends nothing; run, that command sends what synthpad sends.
final class CurlCommandTests: PeerCLITestCase {
    let path = "/v1/engines/gptj_6B/completions"
    /// Quotes, a dollar, backticks, a backslash, a line break: what a shell must not touch.
    let prompt = "It's \"quoted\" $HOME `date` \\n and\na new line"

    func testThePrintedCommandSendsTheSameRequestAsSynthpad() throws {
        peer.route(path, .textSynthStream(["ok"]))
        let arguments = ["complete", "--url", peer.baseURL, "--max-tokens", "7", "--top-k", "3", "--seed", "42",
                         "--stop", "\n\n", "--logit-bias", "44986=-100", prompt]
        let printed = try synthpad.run(arguments + ["--curl"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertTrue(peer.requests.isEmpty, "--curl sends nothing")
        let command = printed.stdout.trimmingCharacters(in: .newlines)
        XCTAssertTrue(command.hasPrefix("curl "), command)

        let sent = try synthpad.run(arguments)
        XCTAssertEqual(sent.status, 0, sent.stderr)
        let ran = try synthpad.runShell(command)
        XCTAssertEqual(ran.status, 0, ran.stderr)
        let requests = peer.requests(to: path)
        XCTAssertEqual(requests.count, 2)
        XCTAssertEqual(requests[1].body, requests[0].body, "curl sent synthpad's body byte for byte")
        XCTAssertEqual(requests[1].json?["prompt"] as? String, prompt)
        XCTAssertTrue(ran.stdout.contains("ok"), ran.stdout)
    }

    func testTheKeyIsAVariableNeverItsValue() throws {
        var withKey = synthpad!
        withKey.environment["TEXTSYNTH_API_KEY"] = "sk-very-secret-1234"
        let printed = try withKey.run(["complete", "--backend", "textsynth", "--curl", "Hello"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertFalse(printed.stdout.contains("sk-very-secret"), printed.stdout)
        XCTAssertTrue(printed.stdout.contains("\"Authorization: Bearer $TEXTSYNTH_API_KEY\""), printed.stdout)
        XCTAssertTrue(printed.stdout.contains("'https://api.textsynth.com/v1/engines/gptj_6B/completions'"))
    }

    /// The cloud refuses `top_logprobs`: a command that would send it there is refused, as sending it would be.
    func testPerTokenProbabilitiesForTheCloudAreRefused() throws {
        var withKey = synthpad!
        withKey.environment["TEXTSYNTH_API_KEY"] = "sk-very-secret-1234"
        let printed = try withKey.run(["complete", "--backend", "textsynth", "--logprobs", "3", "--curl", "Hello"])
        XCTAssertEqual(printed.status, 64, printed.stderr)
        XCTAssertTrue(printed.stderr.contains("does not give per-token log-probabilities"), printed.stderr)
        XCTAssertEqual(printed.stdout, "")
    }

    func testInvalidParametersAreRefusedAsWhenSending() throws {
        let printed = try synthpad.run(["complete", "--url", peer.baseURL, "--top-p", "3", "--curl", "Hello"])
        XCTAssertEqual(printed.status, 64)
        XCTAssertTrue(printed.stderr.contains("top_p = 3 is out of range"), printed.stderr)
        XCTAssertEqual(printed.stdout, "")
    }

    /// `--preset` starts from a preset's parameters and system prompt; options given still win. Seen through --curl.
    func testAPresetSetsTheRequestAndFlagsStillWin() throws {
        let saved = try synthpad.run(["presets", "save", "terse", "--temperature", "0.5", "--max-tokens", "30",
                                      "--system", "Be terse."])
        XCTAssertEqual(saved.status, 0, saved.stderr)
        let listed = try synthpad.run(["presets"])
        XCTAssertTrue(listed.stdout.contains("terse\tmax_tokens=30 temperature=0.5 system"), listed.stdout)
        XCTAssertTrue(listed.stdout.contains("greedy\ttop_k=1"), listed.stdout)
        let printed = try synthpad.run(["chat", "--url", peer.baseURL, "--preset", "terse", "--max-tokens", "9",
                                        "--curl", "Hi"])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertTrue(printed.stdout.contains("\"max_tokens\":9"), printed.stdout)
        XCTAssertTrue(printed.stdout.contains("\"temperature\":0.5"), printed.stdout)
        XCTAssertTrue(printed.stdout.contains("\"system\":\"Be terse.\""), printed.stdout)
        let missing = try synthpad.run(["complete", "--url", peer.baseURL, "--preset", "nope", "x"])
        XCTAssertEqual(missing.status, 64)
        XCTAssertTrue(missing.stderr.contains("no preset named \"nope\""), missing.stderr)
        XCTAssertTrue(peer.requests.isEmpty)
    }
}
