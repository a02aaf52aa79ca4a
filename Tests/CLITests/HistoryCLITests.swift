import Foundation
import GRDB
import TestPeer
import XCTest

/// The run history from the command line: runs logged by `complete`, `chat` and `translate`, read back with
/// `synthpad log`, kept out with `--no-log` and `log = false`, and a locked database that costs only the log.
final class HistoryCLITests: PeerCLITestCase {
    private let completions = "/v1/engines/gptj_6B/completions"

    private func log(_ arguments: [String]) throws -> SynthpadProcess.Result {
        let result = try synthpad.run(["log"] + arguments)
        XCTAssertEqual(result.status, 0, result.stderr)
        return result
    }

    private func jsonRuns(_ output: String) throws -> [[String: Any]] {
        try output.split(separator: "\n").map {
            try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    func testCompleteAndChatAreLoggedAndFound() throws {
        peer.route(completions, .textSynthStream([" Paris", " is lovely"]))
        peer.route("/v1/engines/gptj_6B/chat", .textSynthStream(["Bonjour", " à vous"]))
        let complete = try synthpad.run(["complete", "--url", peer.baseURL, "--max-tokens", "7", "The capital of France"])
        XCTAssertEqual(complete.stdout, " Paris is lovely\n", complete.stderr)
        let chat = try synthpad.run(["chat", "--url", peer.baseURL, "--system", "Answer in French.", "Hello", "Hi!",
                                     "Greet me"])
        XCTAssertEqual(chat.status, 0, chat.stderr)

        let runs = try jsonRuns(log(["--json"]).stdout)
        XCTAssertEqual(runs.map { $0["source"] as? String }, ["chat", "complete"], "newest first")
        XCTAssertEqual(runs[0]["messages"] as? [String], ["Hello", "Hi!", "Greet me"])
        XCTAssertEqual(runs[0]["system"] as? String, "Answer in French.")
        XCTAssertEqual(runs[0]["answers"] as? [String], ["Bonjour à vous"])
        XCTAssertEqual(runs[1]["prompt"] as? String, "The capital of France")
        XCTAssertEqual(runs[1]["answers"] as? [String], [" Paris is lovely"])
        XCTAssertEqual(runs[1]["baseURL"] as? String, peer.baseURL)
        XCTAssertEqual(runs[1]["engine"] as? String, "gptj_6B")
        XCTAssertTrue((runs[1]["parameters"] as? String)?.contains("\"max_tokens\":7") == true, "\(runs[1])")
        XCTAssertNotNil(runs[1]["totalTime"])

        let found = try jsonRuns(log(["-q", "lovely", "--json"]).stdout)
        XCTAssertEqual(found.map { $0["source"] as? String }, ["complete"], "the answer is searched")
        XCTAssertEqual(try jsonRuns(log(["-q", "french", "--json"]).stdout).count, 1, "the system prompt is searched")
        XCTAssertEqual(try jsonRuns(log(["-n", "1", "--json"]).stdout).count, 1)

        let id = try XCTUnwrap(runs[1]["id"] as? Int)
        let shown = try log(["show", "\(id)"]).stdout
        for line in ["from: complete (completion)", "prompt: The capital of France", "answer:  Paris is lovely",
                     "engine: gptj_6B"] {
            XCTAssertTrue(shown.contains(line), "log show lacks \(line):\n\(shown)")
        }
        let missing = try synthpad.run(["log", "show", "999"])
        XCTAssertEqual(missing.status, 64)
        XCTAssertEqual(missing.stderr, "synthpad: no run 999 in the history\n")
    }

    func testAFailedRunIsLoggedWithItsErrorAndNeverTheKey() throws {
        let key = "sk-history-secret-8c1f"
        peer.route(completions, .error(401, "invalid key \(key)"))
        var withKey = synthpad!
        withKey.environment["TEXTSYNTH_API_KEY"] = key
        let failed = try withKey.run(["complete", "--url", peer.baseURL, "--retries", "0", "Hello"])
        XCTAssertNotEqual(failed.status, 0)
        let runs = try jsonRuns(log(["--json"]).stdout)
        XCTAssertEqual(runs.count, 1)
        let error = try XCTUnwrap(runs[0]["error"] as? String)
        XCTAssertTrue(error.contains("401"), error)
        let directory = synthpad.historyFile.deletingLastPathComponent()
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
            XCTAssertNil(bytes.range(of: Data(key.utf8)), "the key is in \(file)")
        }
    }

    func testNoLogAndTheConfigSwitchWriteNothing() throws {
        peer.route(completions, .textSynthStream(["one"]), .textSynthStream(["two"]))
        let noLog = try synthpad.run(["complete", "--url", peer.baseURL, "--no-log", "Hello"])
        XCTAssertEqual(noLog.stdout, "one\n", noLog.stderr)
        try FileManager.default.createDirectory(at: synthpad.configDirectory.appendingPathComponent("synthpad"),
                                                withIntermediateDirectories: true)
        try "log = false\n".write(to: synthpad.configDirectory.appendingPathComponent("synthpad/config.toml"),
                                  atomically: true, encoding: .utf8)
        let switchedOff = try synthpad.run(["complete", "--url", peer.baseURL, "Hello"])
        XCTAssertEqual(switchedOff.stdout, "two\n", switchedOff.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: synthpad.historyFile.path), "a database was written")

        try "log = \"no\"\n".write(to: synthpad.configDirectory.appendingPathComponent("synthpad/config.toml"),
                                   atomically: true, encoding: .utf8)
        let refused = try synthpad.run(["complete", "--url", peer.baseURL, "Hello"])
        XCTAssertEqual(refused.status, 64)
        XCTAssertTrue(refused.stderr.contains("log must be true or false"), refused.stderr)
    }

    func testALockedDatabaseWarnsAndTheAnswerStillPrints() throws {
        peer.route(completions, .textSynthStream(["first"]), .textSynthStream(["second"]))
        XCTAssertEqual(try synthpad.run(["complete", "--url", peer.baseURL, "Hello"]).status, 0)
        // Another program's connection, holding the write lock (GRDB itself never leaves a transaction open).
        var unsafe = Configuration()
        unsafe.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: synthpad.historyFile.path, configuration: unsafe)
        try holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN EXCLUSIVE") }
        let locked = try synthpad.run(["complete", "--url", peer.baseURL, "Hello again"])
        try holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }
        XCTAssertEqual(locked.status, 0, locked.stderr)
        XCTAssertEqual(locked.stdout, "second\n")
        XCTAssertTrue(locked.stderr.contains("synthpad: this run is not in the history"), locked.stderr)
        XCTAssertTrue(locked.stderr.contains("locked"), locked.stderr)
        XCTAssertEqual(try jsonRuns(log(["--json"]).stdout).count, 1, "only the first run is logged")
    }

    func testTranslateIsLogged() throws {
        peer.route("/v1/engines/madlad400_7B/translate",
                   .json(["translations": [["text": "Bonjour le monde", "detected_source_lang": "en"]]]))
        let translated = try synthpad.run(["translate", "--url", peer.baseURL, "--from", "en", "--to", "fr", "Hello world"])
        XCTAssertEqual(translated.stdout, "Bonjour le monde\n", translated.stderr)
        let runs = try jsonRuns(log(["-q", "monde", "--json"]).stdout)
        XCTAssertEqual(runs.first?["kind"] as? String, "translate")
        XCTAssertEqual(runs.first?["prompt"] as? String, "Hello world")
        XCTAssertTrue((runs.first?["parameters"] as? String)?.contains("\"target_lang\":\"fr\"") == true, "\(runs)")
    }

    func testAQueryWithNoWordIsRefused() throws {
        let result = try synthpad.run(["log", "-q", "  "])
        XCTAssertEqual(result.status, 64)
        XCTAssertEqual(result.stderr, "synthpad: the search \"  \" has no word to look for\n")
    }
}
