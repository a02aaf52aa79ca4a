import Foundation
import XCTest
@testable import EngineServer

final class ZZDebugTests: XCTestCase {
    func testDebugCurl() async throws {
        let (server, port) = try await SharedModel.startServer()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        let url = "http://127.0.0.1:\(port)/v1/engines/smollm2_135M/completions"
        p.arguments = ["-sS", "-v", "-N", "-d", #"{"prompt":"Hello","max_tokens":3,"stream":true}"#, url, "--next", "-d", #"{"prompt":"Hello","max_tokens":3}"#, url, "--next", "-d", #"{"text":"Hello"}"#, "http://127.0.0.1:\(port)/v1/engines/smollm2_135M/tokenize"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        print("CURL", String(decoding: data, as: UTF8.self))
        await server.shutdown()
    }
}
