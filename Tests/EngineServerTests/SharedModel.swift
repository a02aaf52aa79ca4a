// The model file is loaded once per test process and shared by every server the tests start.

import Foundation
import XCTest
@testable import EngineServer

enum SharedModel {
    static var path: String {
        if let path = ProcessInfo.processInfo.environment["SYNTHPAD_MODEL"], !path.isEmpty { return path }
        return FileManager.default.homeDirectoryForCurrentUser
            .appendingPathComponent(".cache/synthpad/models/SmolLM2-135M-Instruct.Q4_1.gguf").path
    }

    private static let loaded: Result<LocalModel, Error> = Result {
        guard FileManager.default.fileExists(atPath: path) else { throw MissingModel(path: path) }
        return try LocalModel(path: path, threads: 2, maxContextLength: 2048)
    }

    private static let smallContext: Result<LocalModel, Error> = Result {
        guard FileManager.default.fileExists(atPath: path) else { throw MissingModel(path: path) }
        return try LocalModel(path: path, threads: 2, contextLength: 48)
    }

    struct MissingModel: Error, CustomStringConvertible {
        let path: String
        var description: String { "the test model is missing at \(path): run `make setup` (CI fetches it)" }
    }

    /// The shared model, or a test failure that says how to get it.
    static func model(file: StaticString = #filePath, line: UInt = #line) throws -> LocalModel {
        do { return try loaded.get() } catch {
            XCTFail("\(error)", file: file, line: line)
            throw error
        }
    }

    /// The same weights with a 48-token window, for context-overflow tests.
    static func smallContextModel() throws -> LocalModel {
        do { return try smallContext.get() } catch {
            XCTFail("\(error)")
            throw error
        }
    }

    static func startServer(_ configure: (inout EngineServerConfiguration) -> Void = { _ in },
                            model: LocalModel? = nil) async throws -> (EngineServer, Int) {
        var configuration = TestServers.configuration()
        configuration.translationEnabled = false
        configure(&configuration)
        let server = try EngineServer(configuration: configuration, model: try model ?? Self.model())
        return (server, try await server.start())
    }
}
