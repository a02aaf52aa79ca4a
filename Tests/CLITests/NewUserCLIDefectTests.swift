import Foundation
import TestPeer
import XCTest

/// Issue #9: what a new user hit on the command line, each reproduced with the real binary.
final class NewUserCLIDefectTests: PeerCLITestCase {

    /// Runs a shell pipeline with the binary as "$SYNTHPAD"; the synthpad side's exit status is printed last.
    private func pipeline(_ script: String) throws -> SynthpadProcess.Result {
        try synthpad.runShell(script + "; echo \"status=${PIPESTATUS[0]}\"")
    }

    /// #9.2: `complete … | head` crashed with a trap in FileHandle.write and a backtrace (exit 132).
    func testAClosedOutputPipeEndsQuietlyAsCatDoes() throws {
        // More than a pipe buffer of text, in many reads, so writes go on after `head` has left.
        let pieces = (0..<4000).map { " word\($0)\n" }
        peer.route("/v1/engines/gptj_6B/completions",
                   .split(Array(PeerResponse.textSynthStreamBody(pieces)), every: 2048))
        let result = try pipeline("\"$SYNTHPAD\" complete --url \(peer.baseURL) Hello | head -c 6")
        XCTAssertTrue(result.stdout.hasPrefix(" word0"), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("status=141\n"), "ended by SIGPIPE like cat: \(result.stdout)")
        XCTAssertEqual(result.stderr, "", "no trap, no backtrace, no message")
    }

    /// #9.3: `engines --url` of a server that is down printed the built-in catalogue and exited 0.
    func testEnginesOfAServerThatIsDownIsAnErrorNotTheCatalogue() throws {
        let url = peer.baseURL
        peer.shutdown()
        let result = try synthpad.run(["engines", "--url", url, "--retries", "1"])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stdout, "", "nothing invented")
        XCTAssertTrue(result.stderr.contains("connection refused"), result.stderr)
        // #9.4: the retry is told as it happens, not waited through in silence.
        XCTAssertTrue(result.stderr.contains("retrying 2/2 in"), result.stderr)
    }

    func testAServerWithoutAnEngineListGetsTheCatalogueWithANote() throws {
        peer.route("/v1/engines", .error(404, "not found"))
        let result = try synthpad.run(["engines", "--url", peer.baseURL])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("gptj_6B"))
        XCTAssertTrue(result.stderr.contains("does not list its engines"), result.stderr)
    }

    /// #9.4: a refused connection says why, with no retries when asked for none.
    func testARefusedConnectionNamesTheReason() throws {
        let url = peer.baseURL
        peer.shutdown()
        let result = try synthpad.run(["complete", "--url", url, "--retries", "0", "Hi"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("connection refused: no server is listening on 127.0.0.1 port"),
                      result.stderr)
        XCTAssertFalse(result.stderr.contains("retrying"))
    }

    /// #9.5: an empty prompt generated text and spent credits.
    func testEmptyPromptsAreRefusedBeforeTheNetwork() throws {
        for (arguments, input) in [(["complete", "--url", peer.baseURL, ""], nil),
                                   (["complete", "--url", peer.baseURL], ""),
                                   (["chat", "--url", peer.baseURL, ""], nil)] as [([String], String?)] {
            let result = try synthpad.run(arguments, input: input)
            XCTAssertEqual(result.status, 64, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.contains("is empty"), result.stderr)
        }
        XCTAssertTrue(peer.requests.isEmpty, "nothing reached the network")
    }

    /// #9.6: `serve --port 70000` served on 4464; `--port=-1` gave a raw SocketAddressError.
    func testPortsOutOfRangeAreRefusedWithTheRange() throws {
        for port in ["70000", "-1"] {
            let result = try synthpad.run(["serve", "--port=\(port)"])
            XCTAssertEqual(result.status, 64, result.stderr)
            XCTAssertEqual(result.stderr,
                           "synthpad: --port \(port) is out of range (allowed 1…65535, or 0 for any free port)\n")
        }
    }

    /// #9.7: an unknown theme was silently ignored.
    func testAnUnknownThemeIsRefusedWithTheThemesThereAre() throws {
        let result = try synthpad.run(["play", "--url", peer.baseURL, "--theme", "nope"])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.contains("theme 'nope' not found"), result.stderr)
        XCTAssertTrue(result.stderr.contains("default, light, high-contrast, mono"), result.stderr)

        let config = synthpad.home.appendingPathComponent("config/synthpad")
        try FileManager.default.createDirectory(at: config, withIntermediateDirectories: true)
        try "theme = \"nope\"\n".write(to: config.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let fromConfig = try synthpad.run(["play", "--url", peer.baseURL])
        XCTAssertEqual(fromConfig.status, 64, fromConfig.stderr)
        XCTAssertTrue(fromConfig.stderr.contains("(theme in the config file)"), fromConfig.stderr)
    }

    /// Issue #11: `compare --sweep` is read before anything opens; a bad one is refused with its reason.
    func testABadSweepIsRefusedBeforeTheScreenOpens() throws {
        let result = try synthpad.run(["compare", "--url", peer.baseURL, "--sweep", "top_p=0.5,1.5", "Hi"])
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertEqual(result.stderr, "synthpad: --sweep: top_p = 1.5 is out of range (allowed 0…1)\n")
    }

    /// Found walking through as a new user: a malformed --url was retried for 14 s; an empty text "translated".
    func testAMalformedURLAndAnEmptyTextAreRefusedAtOnce() throws {
        let url = try synthpad.run(["complete", "--url", "http://[::1", "Hi"])
        XCTAssertEqual(url.status, 64, url.stderr)
        XCTAssertTrue(url.stderr.contains("is not a server address"), url.stderr)
        XCTAssertFalse(url.stderr.contains("retrying"))
        let empty = try synthpad.run(["translate", "--url", peer.baseURL, "--from", "en", "--to", "es", ""])
        XCTAssertEqual(empty.status, 64, empty.stderr)
        XCTAssertEqual(empty.stderr, "synthpad: nothing to translate: the text is empty\n")
        XCTAssertTrue(peer.requests.isEmpty)
    }
}
