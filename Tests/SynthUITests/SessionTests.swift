import XCTest
import SynthKit
@testable import SynthUI
import SynthRuntime

final class SessionTests: XCTestCase {
    func testRoundTripThroughFileHasNoKey() throws {
        var s = AppState.sample(prompt: "Dear diary 中文 🙂")
        s.parameters.sampling.temperature = 0.7
        s.parameters.sampling.stop = ["\n"]
        s.parameters.sampling.logitBias = [123: -100]
        s.parameters.biasWords = [123: "spam"]
        s.parameters.booste.windowMax = 512
        s.press(.function(5))
        s.send(.streamChunk(request: .playground(1), index: 0, text: " today"))
        s.send(.streamFinished(request: .playground(1), stats: CompletionStats()))

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-ui-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("session.json").path
        try SessionFile.save(s.session, to: path)
        try SessionFile.save(s.session, to: path)  // replacing an existing file works too
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        XCTAssertEqual(leftovers, ["session.json"], "no temporary file left behind")

        let raw = try String(contentsOfFile: path, encoding: .utf8).lowercased()
        XCTAssertFalse(raw.contains("key"), "a session never holds an API key")
        XCTAssertFalse(raw.contains("bearer"))
        XCTAssertFalse(raw.contains("token\""))

        let loaded = try XCTUnwrap(try SessionFile.load(from: path))
        XCTAssertEqual(loaded, s.session)
        let restored = AppState(session: loaded, engines: EngineChoice.textSynthEngines)
        XCTAssertEqual(restored.editor.text, "Dear diary 中文 🙂")
        XCTAssertEqual(restored.parameters, s.parameters)
        XCTAssertEqual(restored.engine.id, "gptj_6B")
        XCTAssertEqual(restored.currentOutput?.completion, " today")
        XCTAssertNil(try SessionFile.load(from: dir.appendingPathComponent("absent.json").path))
    }

    func testSessionTypeHasNoKeyField() {
        let labels = Mirror(reflecting: Session(backend: "b", engine: "e", prompt: "p")).children.compactMap(\.label)
        XCTAssertFalse(labels.contains { $0.lowercased().contains("key") || $0.lowercased().contains("secret") }, "\(labels)")
    }

    func testSaveIntoUnwritableDirectoryFails() {
        XCTAssertThrowsError(try SessionFile.save(Session(backend: "b", engine: "e", prompt: "p"),
                                                  to: "/proc/synthpad-no/session.json"))
    }

    func testCorruptSessionFileIsReportedWithItsPath() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-bad-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "{ not json".write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SessionFile.load(from: path)) { error in
            XCTAssertTrue("\(error)".hasPrefix(path), "\(error)")
        }
    }

    func testTemporaryFilesOfAKilledWriterAreRemovedOnLoad() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("synthpad-tmp-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("session.json").path
        try SessionFile.save(Session(backend: "b", engine: "e", prompt: "kept"), to: path)
        // A process that has exited (killed between write and rename), a live one (pid 1), and ourselves.
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = dir.appendingPathComponent(".session.json.\(finished.processIdentifier).tmp").path
        let live = dir.appendingPathComponent(".session.json.1.tmp").path
        let ours = dir.appendingPathComponent(".session.json.\(getpid()).tmp").path
        let other = dir.appendingPathComponent(".other.json.\(finished.processIdentifier).tmp").path
        for file in [dead, live, ours, other] { try "{ half".write(toFile: file, atomically: false, encoding: .utf8) }
        XCTAssertEqual(try SessionFile.load(from: path)?.prompt, "kept")
        let left = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        XCTAssertEqual(left, ["session.json", ".session.json.1.tmp", ".session.json.\(getpid()).tmp",
                              ".other.json.\(finished.processIdentifier).tmp"])
    }
}
