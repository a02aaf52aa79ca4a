// The local engine server (EngineServer, in-process, ephemeral port) against hostile and careless clients:
// broken bodies, out-of-range parameters, a crowd of connections, and a client that hangs up mid-stream.
import EngineServer
import Foundation
import LocalEngine
import SynthKit
import TestPeer
import XCTest

/// The model is loaded once for the whole class; each test starts its own server around it.
enum FaultModel {
    static let loaded: Result<LocalModel, Error> = Result {
        try LocalModel(path: TestModel.path, threads: 2, maxContextLength: 512)
    }
}

final class LocalServerFaultTests: FaultTestCase {
    private var server: EngineServer?
    private var port = 0
    private let path = "/v1/engines/smollm2_135M/completions"

    override func tearDown() async throws {
        await server?.shutdown()
        server = nil
        try await super.tearDown()
    }

    /// Starts a server around the shared model; fails the test (clearly) when the model is missing.
    private func start(_ configure: (inout EngineServerConfiguration) -> Void = { _ in }) async throws {
        try TestModel.require()
        let model: LocalModel
        do { model = try FaultModel.loaded.get() } catch {
            XCTFail("\(error)")
            throw error
        }
        var configuration = EngineServerConfiguration()
        configuration.stateDirectory = FileManager.default.temporaryDirectory
            .appendingPathComponent("fault-server-\(UUID().uuidString)")
        configuration.translationEnabled = false
        configure(&configuration)
        let server = try EngineServer(configuration: configuration, model: model)
        port = try await server.start()
        self.server = server
    }

    private var client: TextSynthClient {
        TextSynthClient(baseURL: "http://127.0.0.1:\(port)",
                        options: TransportOptions(connectTimeout: 2, idleTimeout: 20, retry: .never))
    }

    func testMalformedJSONIsA400SayingSo() async throws {
        try await start()
        let reply = try await LoopbackHTTP.request(port: port, path: path, rawBody: Data(#"{"prompt": "Hi", "max_tokens": "#.utf8))
        note("local: malformed JSON body", saw: "\(reply.status) \(reply.errorMessage)")
        XCTAssertEqual(reply.status, 400)
        XCTAssertTrue(reply.errorMessage.contains("not valid JSON"), reply.errorMessage)
        let wrongType = try await LoopbackHTTP.request(port: port, path: path, json: ["prompt": 5])
        note("local: prompt of the wrong type", saw: "\(wrongType.status) \(wrongType.errorMessage)")
        XCTAssertEqual(wrongType.status, 400)
        XCTAssertTrue(wrongType.errorMessage.contains("prompt"), wrongType.errorMessage)
    }

    func testOversizeBodyIs413() async throws {
        try await start { $0.maxBodyBytes = 100_000 }
        let reply = try await LoopbackHTTP.request(port: port, path: path,
                                                   json: ["prompt": String(repeating: "x", count: 150_000), "max_tokens": 1])
        note("local: oversize body (150 kB, limit 100 kB)", saw: "\(reply.status) \(reply.errorMessage)")
        XCTAssertEqual(reply.status, 413)
        XCTAssertTrue(reply.errorMessage.contains("too large"), reply.errorMessage)
        // The server is still fine afterwards.
        let answer = try await client.complete(engine: "smollm2_135M",
                                               request: CompletionRequest(prompt: "Hi", parameters: tiny(2)))
        XCTAssertEqual(answer.outputTokens, 2)
    }

    func testUnknownEngineIs400NamingIt() async throws {
        try await start()
        do {
            _ = try await client.complete(engine: "no_such_engine", request: CompletionRequest(prompt: "Hi"))
            XCTFail("an unknown engine answered")
        } catch let error as APIError {
            note("local: unknown engine", saw: error.description)
            guard case .invalidRequest(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.contains("no_such_engine") && message.contains("smollm2_135M"), message)
        }
    }

    /// Every numeric parameter just outside its range, plus stop and logit_bias: a 400 naming the field.
    func testEveryOutOfRangeParameterIsA400NamingTheField() async throws {
        try await start()
        var cases: [(field: String, body: [String: Any])] = []
        for spec in ParameterSpec.all {
            let step = spec.isInteger ? 1.0 : 0.5
            if case .inclusive(let low) = spec.lower { cases.append((spec.wireName, [spec.wireName: low - step])) }
            if case .exclusive(let low) = spec.lower { cases.append((spec.wireName, [spec.wireName: low])) }
            if case .inclusive(let high) = spec.upper { cases.append((spec.wireName, [spec.wireName: high + step])) }
        }
        cases.append(("stop", ["stop": Array(repeating: "x", count: SamplingParameters.maxStopStrings + 1)]))
        cases.append(("stop", ["stop": [""]]))
        cases.append(("logit_bias", ["logit_bias": ["42": 101]]))
        cases.append(("logit_bias", ["logit_bias": ["-1": 1]]))
        var seen: [String] = []
        for (field, parameters) in cases {
            var body = parameters
            body["prompt"] = "Hi"
            let reply = try await LoopbackHTTP.request(port: port, path: path, json: body)
            XCTAssertEqual(reply.status, 400, "\(parameters) → \(reply.status) \(reply.text)")
            XCTAssertTrue(reply.errorMessage.contains(field), "\(parameters) → \(reply.errorMessage)")
            seen.append("\(reply.status)")
        }
        note("local: \(cases.count) out-of-range parameters",
             saw: "all \(Set(seen).sorted().joined(separator: "/")), e.g. \"\(try await sampleMessage())\"")
    }

    /// A fraction where an integer belongs: 400 naming the field (BugRegressionLocalServerTests).
    static func fractionalIntegerCases() -> [(field: String, body: [String: Any])] {
        ParameterSpec.all.filter(\.isInteger).map { ($0.wireName, [$0.wireName: $0.defaultValue + 0.5]) }
    }

    private func sampleMessage() async throws -> String {
        try await LoopbackHTTP.request(port: port, path: path, json: ["prompt": "Hi", "top_k": 0]).errorMessage
    }

    private func tiny(_ maxTokens: Int) -> SamplingParameters {
        var parameters = SamplingParameters.defaults
        parameters.maxTokens = maxTokens
        parameters.seed = 1
        return parameters
    }

    func testSixtyFourConcurrentConnectionsAreAllAnswered() async throws {
        try await start()
        let client = self.client
        let request = CompletionRequest(prompt: "The sky is", parameters: tiny(2))
        let started = Date()
        let outcomes = await withTaskGroup(of: String?.self) { group in
            for index in 0..<64 {
                group.addTask {
                    do {
                        if index % 2 == 0 {
                            let answer = try await client.complete(engine: "smollm2_135M", request: request)
                            return answer.reachedEnd ? nil : "no reached_end"
                        }
                        var last: CompletionAnswer?
                        for try await piece in client.completionStream(engine: "smollm2_135M", request: request) { last = piece }
                        return last?.reachedEnd == true ? nil : "stream without reached_end"
                    } catch {
                        return "\(error)"
                    }
                }
            }
            return await group.reduce(into: [String?]()) { $0.append($1) }
        }
        let failures = outcomes.compactMap { $0 }
        let elapsed = Date().timeIntervalSince(started)
        note("local: 64 concurrent connections (max_tokens 2)",
             saw: "\(64 - failures.count)/64 answered in \(String(format: "%.1f", elapsed)) s"
                + (failures.first.map { "; first failure: \($0)" } ?? ""))
        XCTAssertEqual(outcomes.count, 64)
        XCTAssertEqual(failures, [], "every connection must be answered")
    }

    func testClientHangingUpMidStreamFreesTheSlot() async throws {
        // One slot and no queue: if the hang-up leaked the slot, the next request would be refused (429).
        try await start { $0.maxActiveSequences = 1; $0.maxQueuedSequences = 0 }
        let port = self.port
        let firstPiece: String = try await Task.detached {
            let connection = try LoopbackConnection(port: port, timeout: 30)
            try connection.send(method: "POST", path: "/v1/engines/smollm2_135M/completions", body: try JSONSerialization.data(
                withJSONObject: ["prompt": "Write a long story.", "max_tokens": 400, "stream": true]))
            let (status, headers) = try connection.readHead()
            guard status == 200 else { return "status \(status)" }
            let piece = try connection.readBodyPiece(headers: headers) ?? Data()
            connection.hangUp()
            return String(decoding: piece, as: UTF8.self)
        }.value
        XCTAssertTrue(firstPiece.contains("\"text\""), firstPiece)
        // The server notices the hang-up at its next write; give it a moment, not a generation's worth.
        let noticed = Date()
        while (server?.activeSequences ?? 0) > 0, Date().timeIntervalSince(noticed) < 2 {
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        let freedAfter = Date().timeIntervalSince(noticed)
        XCTAssertEqual(server?.activeSequences, 0, "the slot was still busy 2 s after the client hung up")
        let started = Date()
        var pieces = 0
        var firstAt: Double?
        var last: CompletionAnswer?
        do {
            for try await piece in client.completionStream(engine: "smollm2_135M",
                                                           request: CompletionRequest(prompt: "Hello", parameters: tiny(8))) {
                pieces += 1
                if firstAt == nil { firstAt = Date().timeIntervalSince(started) }
                last = piece
            }
        } catch {
            note("local: client hangs up mid-stream, next request", saw: "next request failed: \(error)")
            return XCTFail("the slot was not freed: \(error)")
        }
        note("local: client hangs up mid-stream, next request",
             saw: "slot freed after \(String(format: "%.2f", freedAfter)) s; next stream: first piece after \(String(format: "%.2f", firstAt ?? -1)) s, \(pieces) pieces, reached_end \(last?.reachedEnd == true)")
        XCTAssertEqual(last?.reachedEnd, true)
        XCTAssertNotNil(firstAt, "the next stream never started")
        let idleBy = Date(timeIntervalSinceNow: 3)
        while (server?.activeSequences ?? 0) > 0, Date() < idleBy { try await Task.sleep(nanoseconds: 20_000_000) }
        XCTAssertEqual(server?.activeSequences, 0)
    }
}
