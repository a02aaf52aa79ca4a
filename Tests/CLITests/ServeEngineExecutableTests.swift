import Foundation
import TestPeer
import XCTest

/// `synthpad serve` hands itself to synthpad-engine beside it (issue 16: a serving process without the TUI's
/// libraries), and serves in-process as before where there is none.
final class ServeEngineExecutableTests: LocalEngineCLITestCase {
    /// Starts `$SYNTHPAD serve`, asks one completion, and prints which binary serves and whether it mapped libcurl
    /// or ncurses.
    private let client = #"""
        import json, os, subprocess, urllib.request
        server = subprocess.Popen([os.environ["SERVE_BINARY"], "serve", "--port", "0", "--announce-port", "--exit-with-stdin"],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        port = server.stdout.readline().strip()
        exe = os.readlink("/proc/%d/exe" % server.pid)
        maps = open("/proc/%d/maps" % server.pid).read()
        request = urllib.request.Request("http://127.0.0.1:%s/v1/engines/smollm2_135M/completions" % port,
                                         data=json.dumps({"prompt": "The capital of France is", "max_tokens": 2,
                                                          "top_k": 1}).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request) as reply:
            text = json.load(reply)["text"]
        server.stdin.close()
        print(json.dumps({"exe": os.path.basename(exe), "text": text, "status": server.wait(),
                          "curl": "libcurl" in maps, "ncurses": "libncurses" in maps}))
        """#

    private func serve(binary: String) throws -> [String: Any] {
        var shell = synthpad!
        shell.environment["SERVE_BINARY"] = binary  // runShell sets $SYNTHPAD to the built binary
        let result = try shell.runShell("python3 - <<'PY'\n\(client)\nPY", timeout: 120)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                             result.stdout + result.stderr)
    }

    func testServeRunsInSynthpadEngineWithoutTheTUILibraries() throws {
        let engine = SynthpadProcess.binary.deletingLastPathComponent().appendingPathComponent("synthpad-engine")
        // `swift build` builds it with synthpad: missing is a failure, not a skip.
        guard FileManager.default.isExecutableFile(atPath: engine.path) else {
            return XCTFail("no synthpad-engine beside \(SynthpadProcess.binary.path)")
        }
        let answer = try serve(binary: SynthpadProcess.binary.path)
        XCTAssertEqual(answer["exe"] as? String, "synthpad-engine", "same pid, the slim binary: \(answer)")
        XCTAssertEqual(answer["curl"] as? Bool, false, "\(answer)")
        XCTAssertEqual(answer["ncurses"] as? Bool, false, "\(answer)")
        XCTAssertTrue((answer["text"] as? String ?? "").hasPrefix(" Paris"), "\(answer)")
        XCTAssertEqual(answer["status"] as? Int, 0)
    }

    /// A file the user named is not the default model: fetching that (`make setup`) would not help.
    func testAMissingModelFileTheUserNamedIsSaidPlainly() throws {
        let path = synthpad.home.appendingPathComponent("no-such-model.gguf").path
        for argument in [path, "mine=" + path] {
            let result = try synthpad.run(["serve", "--port", "0", "--model", argument])
            XCTAssertNotEqual(result.status, 0)
            XCTAssertTrue(result.stderr.contains("no model file at \(path)"), result.stderr)
            XCTAssertFalse(result.stderr.contains("make setup"), result.stderr)
        }
    }

    func testServeWithoutSynthpadEngineBesideServesInProcess() throws {
        // A copy alone in a folder (a symlink would resolve back beside synthpad-engine).
        let lone = synthpad.home.appendingPathComponent("bin/synthpad")
        try FileManager.default.createDirectory(at: lone.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: SynthpadProcess.binary, to: lone)
        let answer = try serve(binary: lone.path)
        XCTAssertEqual(answer["exe"] as? String, "synthpad", "\(answer)")
        XCTAssertTrue((answer["text"] as? String ?? "").hasPrefix(" Paris"), "\(answer)")
        XCTAssertEqual(answer["status"] as? Int, 0)
    }
}
