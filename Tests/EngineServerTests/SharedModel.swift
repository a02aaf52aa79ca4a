// The model file is loaded once per test process and shared by every server the tests start.

import Foundation
import TestPeer
import XCTest
@testable import EngineServer

enum SharedModel {
    static var path: String { TestModel.path }

    private static let loaded: Result<LocalModel, Error> = Result {
        try LocalModel(path: path, threads: 2, maxContextLength: 2048)
    }

    private static let smallContext: Result<LocalModel, Error> = Result {
        try LocalModel(path: path, threads: 2, contextLength: 48)
    }

    /// The shared model, or a test failure that says how to get it (a skip only with SYNTHPAD_SKIP_MODEL=1).
    static func model(file: StaticString = #filePath, line: UInt = #line) throws -> LocalModel {
        try TestModel.require(file: file, line: line)
        do { return try loaded.get() } catch {
            XCTFail("\(error)", file: file, line: line)
            throw error
        }
    }

    /// The same weights with a 48-token window, for context-overflow tests.
    static func smallContextModel() throws -> LocalModel {
        try TestModel.require()
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
