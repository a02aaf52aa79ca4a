// Starting and stopping: ports, missing Apertium, a hung translator, unknown paths.

import Foundation
import TestPeer
import XCTest
@testable import EngineServer

final class ServerLifecycleTests: XCTestCase {
    func testSecondServerOnTheSamePortFailsClearly() async throws {
        let (first, port) = try await TestServers.start(TestServers.configuration())
        var configuration = TestServers.configuration()
        configuration.port = port
        let second = try EngineServer(configuration: configuration)
        do {
            _ = try await second.start()
            XCTFail("binding a busy port must fail")
        } catch let error as EngineServerError {
            guard case .failedToBind = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(first.port, port)
        await first.shutdown()
        XCTAssertNil(first.port)
    }

    func testMissingApertiumIsAClearErrorNotACrash() async throws {
        var configuration = TestServers.configuration()
        configuration.apertiumExecutable = URL(fileURLWithPath: "/nonexistent/apertium")
        let (server, port) = try await TestServers.start(configuration)
        let reply = try await LoopbackHTTP.request(port: port, path: "/v1/engines/apertium/translate",
                                                   json: ["text": ["Hello"], "source_lang": "en", "target_lang": "es"])
        let engines = try await LoopbackHTTP.get(port: port, path: "/v1/engines")
        let unknownPath = try await LoopbackHTTP.get(port: port, path: "/v1/nothing")
        await server.shutdown()
        XCTAssertEqual(reply.status, 503)
        XCTAssertTrue((try reply.json()["error"] as? String ?? "").contains("Apertium is not installed"), reply.text)
        let entries = try XCTUnwrap(try engines.json()["engines"] as? [[String: Any]])
        XCTAssertEqual(entries.first?["available"] as? Bool, false)
        XCTAssertEqual(unknownPath.status, 404)
    }

    func testAHungTranslatorIsKilledAtItsDeadline() async throws {
        // Test double: an "apertium" that lists one mode, then never answers.
        let directory = TestServers.temporaryDirectory()
        let script = directory.appendingPathComponent("apertium")
        try "#!/bin/sh\nif [ \"$1\" = \"-l\" ]; then echo '  en-es'; exit 0; fi\nexec sleep 30\n"
            .write(to: script, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let translator = await ApertiumTranslator.discover(executable: script, timeoutSeconds: 0.5)
        XCTAssertEqual(translator.graph.directPairs, ["en-es"])
        // `.timedOut` is the deadline's doing: the "translator" itself would sleep 30 s and then exit with no output.
        do {
            _ = try await translator.translate(["Hello"], from: "en", to: "es", splitSentences: true)
            XCTFail("a hung translator must time out")
        } catch let failure as TranslationFailure {
            XCTAssertEqual(failure, .timedOut(mode: "en-es", seconds: 0.5))
        }
    }

    func testShutdownEndsOpenStreamsPromptly() async throws {
        let (server, port) = try await SharedModel.startServer()
        let (connection, headers) = try LoopbackConnection.longCompletion(port: port)
        await server.shutdown()
        var rest = ""
        while let piece = try? connection.readBodyPiece(headers: headers) { rest += String(decoding: piece, as: UTF8.self) }
        XCTAssertFalse(rest.contains("\"reached_end\":true"), "a stream cut by shutdown must not claim to be complete")
        // Cut, not waited out: far fewer than the 1,500 tokens asked for were streamed.
        XCTAssertLessThan(rest.components(separatedBy: "\"text\"").count - 1, 1500, "the stream ran to its end")
    }
}
