import Foundation
import TestPeer
import XCTest

/// `synthpad serve --model ID=PATH --model …`: the real binary serving two models (the test GGUF twice, under two
/// ids), asked over HTTP by a small Python client.
final class ServeSeveralModelsTests: LocalEngineCLITestCase {
    private let client = #"""
        import json, os, subprocess, sys, urllib.request
        model = os.environ["SYNTHPAD_MODEL"]
        server = subprocess.Popen([os.environ["SYNTHPAD"], "serve", "--port", "0", "--announce-port", "--exit-with-stdin",
                                   "--model", "first=" + model, "--model", "second=" + model],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        base = "http://127.0.0.1:" + server.stdout.readline().strip()
        def ask(path, body=None):
            data = None if body is None else json.dumps(body).encode()
            request = urllib.request.Request(base + path, data=data, headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request) as reply:
                    return reply.status, json.load(reply)
            except urllib.error.HTTPError as error:
                return error.code, json.load(error)
        print(json.dumps({
            "engines": [e["id"] for e in ask("/v1/engines")[1]["engines"]],
            "models": [m["id"] for m in ask("/v1/models")[1]["data"]],
            "second": ask("/v1/engines/second/completions", {"prompt": "The capital of France is", "max_tokens": 2, "top_k": 1}),
            "openai": ask("/v1/completions", {"model": "first", "prompt": "The capital of France is", "max_tokens": 2, "temperature": 0})[0],
            "unknown": ask("/v1/engines/third/completions", {"prompt": "x"}),
        }))
        server.stdin.close()
        sys.exit(server.wait())
        """#

    func testTwoModelsUnderTheirOwnIds() throws {
        let result = try synthpad.runShell("python3 - <<'PY'\n\(client)\nPY", timeout: 120)
        XCTAssertEqual(result.status, 0, result.stderr)
        let answer = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                                   result.stdout)
        XCTAssertEqual(answer["engines"] as? [String], ["first", "second", "apertium"])
        XCTAssertEqual(answer["models"] as? [String], ["first", "second"])
        let second = try XCTUnwrap(answer["second"] as? [Any])
        XCTAssertEqual(second.first as? Int, 200)
        XCTAssertTrue(((second.last as? [String: Any])?["text"] as? String ?? "").hasPrefix(" Paris"), "\(second)")
        XCTAssertEqual(answer["openai"] as? Int, 200)
        let unknown = try XCTUnwrap(answer["unknown"] as? [Any])
        XCTAssertEqual(unknown.first as? Int, 400)
        XCTAssertTrue(((unknown.last as? [String: Any])?["error"] as? String ?? "").contains("available engines: first, second"),
                      "\(unknown)")
    }

    func testTheSameFileTwiceWithoutIdsIsAUsageError() throws {
        let model = try XCTUnwrap(synthpad.environment["SYNTHPAD_MODEL"])
        let result = try synthpad.run(["serve", "--port", "0", "--model", model, "--model", model], timeout: 120)
        XCTAssertEqual(result.status, 64, result.stderr)
        XCTAssertTrue(result.stderr.contains("engine id 'smollm2_135M' is taken twice"), result.stderr)
        XCTAssertTrue(result.stderr.contains("--model ID=PATH"), result.stderr)
    }

    func testABadIdOrAMissingFileIsRefused() throws {
        let badID = try synthpad.run(["serve", "--port", "0", "--model", "a b=x.gguf"])
        XCTAssertEqual(badID.status, 64, badID.stderr)
        XCTAssertTrue(badID.stderr.contains("the engine id 'a b' may hold letters, digits"), badID.stderr)
        let missing = try synthpad.run(["serve", "--port", "0", "--model", "a=/nonexistent/model.gguf"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/model.gguf"), missing.stderr)
    }
}
