// Starting servers for tests: each on an ephemeral loopback port with its own temporary state directory.

import Foundation
import TestPeer
import XCTest
@testable import EngineServer

enum TestServers {
    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("engine-server-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A configuration without a model (translation and accounts only), state kept in `stateDirectory`.
    static func configuration(stateDirectory: URL = temporaryDirectory(), apiKey: String? = nil)
        -> EngineServerConfiguration
    {
        var configuration = EngineServerConfiguration()
        configuration.stateDirectory = stateDirectory
        configuration.apiKey = apiKey
        return configuration
    }

    static func start(_ configuration: EngineServerConfiguration) async throws -> (EngineServer, Int) {
        let server = try EngineServer(configuration: configuration)
        let port = try await server.start()
        return (server, port)
    }

    /// Translation tests need the system's Apertium with the English–Spanish and French–Spanish pairs; without them
    /// they fail with this instruction rather than with a puzzling 503.
    static func requireApertium(pairs needed: [String] = ["en-es", "es-fr"], file: StaticString = #filePath,
                                line: UInt = #line) async throws {
        let translator = await ApertiumTranslator.discover()
        let missing = needed.filter { !translator.graph.directPairs.contains($0) }
        guard translator.isAvailable, missing.isEmpty else {
            let message = "Apertium with pairs \(missing.joined(separator: ", ")) is needed: scripts/install-deps.sh "
                + "installs apertium and the pairs (apertium-eng-spa, apertium-fr-es, apertium-isl-swe, apertium-isl-eng, …)"
            // A failure, never a skip: CI installs Apertium, so a run without it must not pass.
            XCTFail(message, file: file, line: line)
            throw MissingPrerequisite(description: message)
        }
    }
}
