// Starting servers for tests: each on an ephemeral loopback port with its own temporary state directory.

import Foundation
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
}
