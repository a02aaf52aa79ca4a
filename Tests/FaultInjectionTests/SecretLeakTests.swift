// The API key must reach the server's Authorization header and nowhere else: not stdout, not stderr (even
// with --verbose, even on errors), not any file synthpad writes under its HOME and XDG directories.
// The peer is TestPeer (a test double); synthpad is the real binary.
import Foundation
import TestPeer
import XCTest

final class SecretLeakTests: CLIFaultTestCase {
    static let fakeKey = "sk-FAKE-synthpad-test-key-1234567890abcdef"

    /// Every regular file under `root` with its modification date.
    static func files(under root: URL) -> [String: Date] {
        var found: [String: Date] = [:]
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey,
                                                                                               .contentModificationDateKey])
        else { return found }
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .contentModificationDateKey])
            if values?.isRegularFile == true { found[url.path] = values?.contentModificationDate ?? Date.distantPast }
        }
        return found
    }

    /// Runs synthpad and checks the key leaked nowhere; returns the run for further checks.
    @discardableResult
    func runChecked(_ arguments: [String], _ faultCase: String, file: StaticString = #filePath,
                    line: UInt = #line) throws -> SynthpadProcess.Result {
        let before = Self.files(under: synthpad.home)
        let result = try synthpad.run(arguments)
        note(faultCase, saw: result.seen)
        XCTAssertFalse(result.signalled, "synthpad crashed: \(result.seen)", file: file, line: line)
        XCTAssertFalse(result.stdout.contains(Self.fakeKey), "the key leaked to stdout", file: file, line: line)
        XCTAssertFalse(result.stderr.contains(Self.fakeKey), "the key leaked to stderr: \(result.stderr)", file: file, line: line)
        let after = Self.files(under: synthpad.home)
        var written = 0
        for (path, modified) in after where before[path] != modified {
            written += 1
            let contents = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
            XCTAssertNil(contents.range(of: Data(Self.fakeKey.utf8)), "the key leaked into \(path)", file: file, line: line)
        }
        return result
    }

    private func assertPeerReceivedTheKey(file: StaticString = #filePath, line: UInt = #line) {
        let headers = peer.requests(to: path).map { $0.headers["authorization"] }
        XCTAssertFalse(headers.isEmpty, "no request reached the peer", file: file, line: line)
        for header in headers { XCTAssertEqual(header, "Bearer \(Self.fakeKey)", file: file, line: line) }
    }

    func testVerboseRunShowsOnlyTheMaskedKey() throws {
        synthpad.environment["TEXTSYNTH_API_KEY"] = Self.fakeKey
        peer.route(path, .textSynthStream(["Hello", " there"]))
        let result = try runChecked(["complete", "--verbose", "--url", peer.baseURL, "Hi"], "secrets: --verbose run")
        XCTAssertEqual(result.status, 0, result.seen)
        XCTAssertTrue(result.stderr.contains("cdef"), "--verbose should show the masked key: \(result.stderr)")
        assertPeerReceivedTheKey()
    }

    func testErrorsWithVerboseDoNotShowTheKey() throws {
        synthpad.environment["TEXTSYNTH_API_KEY"] = Self.fakeKey
        peer.route(path, .error(401, "invalid API key"))
        let result = try runChecked(["complete", "--verbose", "--url", peer.baseURL, "Hi"], "secrets: 401 with --verbose")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("401"), result.stderr)
        assertPeerReceivedTheKey()

        peer.route(path, .error(503, "down", headers: ["Retry-After": "0"]))
        try runChecked(["complete", "--verbose", "--json", "--url", peer.baseURL, "Hi"], "secrets: 503 + retries, --verbose --json")
        var broken = PeerResponse.chunks(PeerResponse.textSynthStreamObjects(["half"], finalReachedEnd: false))
        broken.steps.append(.drop)
        peer.route(path, broken)
        try runChecked(["complete", "--verbose", "--url", peer.baseURL, "Hi"], "secrets: dropped stream, --verbose")
    }

    func testKeyFileFromTheConfigIsUsedAndNeverShown() throws {
        let keyFile = synthpad.home.appendingPathComponent("textsynth.key")
        try (Self.fakeKey + "\n").write(to: keyFile, atomically: true, encoding: .utf8)
        chmod(keyFile.path, 0o600)
        let configDirectory = synthpad.configDirectory.appendingPathComponent("synthpad")
        try FileManager.default.createDirectory(at: configDirectory, withIntermediateDirectories: true)
        try """
            default_backend = "mine"

            [backends.mine]
            kind = "textsynth"
            url = "\(peer.baseURL)"
            engine = "gptj_6B"
            key_file = "~/textsynth.key"
            """.write(to: configDirectory.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        peer.route(path, .textSynthStream(["from", " config"]))
        let result = try runChecked(["complete", "--verbose", "Hi"], "secrets: key_file in config, --verbose")
        XCTAssertEqual(result.status, 0, result.seen)
        XCTAssertEqual(result.stdout, "from config\n")
        assertPeerReceivedTheKey()

        // A key file others can read is refused, and the refusal does not quote it.
        chmod(keyFile.path, 0o644)
        let refused = try runChecked(["complete", "--verbose", "Hi"], "secrets: key_file mode 0644")
        XCTAssertEqual(refused.status, 64, refused.seen)
        XCTAssertTrue(refused.stderr.contains("chmod 600"), refused.stderr)
    }

    /// A server (or proxy) that echoes the key in its error message must not make synthpad print it.
    func testKeyEchoedByTheServerIsMasked() throws {
        synthpad.environment["TEXTSYNTH_API_KEY"] = Self.fakeKey
        peer.route(path, .error(401, "invalid API key \(Self.fakeKey)"))
        let result = try runChecked(["complete", "--verbose", "--url", peer.baseURL, "Hi"], "secrets: server echoes the key in a 401")
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("401"), result.stderr)
    }
}
