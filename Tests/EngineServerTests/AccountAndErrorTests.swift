// Credits, the engine listing, authentication and TextSynth-shaped errors, over real HTTP.

import Foundation
import TestPeer
import XCTest
@testable import EngineServer
import SynthKit

final class AccountAndErrorTests: XCTestCase {
    func testCreditsStartGenerousAndAreReportedTimesABillion() async throws {
        let (server, port) = try await TestServers.start(TestServers.configuration())
        defer { Task { await server.shutdown() } }
        let reply = try await LoopbackHTTP.get(port: port, path: "/v1/credits")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(try reply.json()["credits"] as? Int, 1000 * 1_000_000_000)
        await server.shutdown()
    }

    func testEngineListingNamesTranslationPairs() async throws {
        try await TestServers.requireApertium()
        let (server, port) = try await TestServers.start(TestServers.configuration())
        let reply = try await LoopbackHTTP.get(port: port, path: "/v1/engines")
        await server.shutdown()
        XCTAssertEqual(reply.status, 200)
        let engines = try XCTUnwrap(try reply.json()["engines"] as? [[String: Any]])
        let apertium = try XCTUnwrap(engines.first { $0["id"] as? String == "apertium" })
        XCTAssertEqual(apertium["aliases"] as? [String], ["m2m100_1_2B"])
        XCTAssertEqual(apertium["available"] as? Bool, true)
        let pairs = try XCTUnwrap(apertium["language_pairs"] as? [String])
        XCTAssertTrue(pairs.contains("en-es") && pairs.contains("en-fr"), "\(pairs)")
        // The price of a token, in the unit of /v1/credits: what clients show as credits spent.
        XCTAssertEqual(apertium["credits_per_token"] as? Int, 1_000_000)
    }

    func testEngineListingSaysWhatATokenCosts() async throws {
        let (server, port) = try await SharedModel.startServer { $0.creditsPerToken = 0.002 }
        let reply = try await LoopbackHTTP.get(port: port, path: "/v1/engines")
        await server.shutdown()
        let answer = try JSONDecoder().decode(EngineListAnswer.self, from: Data(reply.text.utf8))
        let model = try XCTUnwrap(answer.engines.first { $0.kind == "completion" })
        XCTAssertEqual(model.creditsPerToken, 2_000_000)
    }

    func testUnknownEngineListsAvailableOnes() async throws {
        let (server, port) = try await TestServers.start(TestServers.configuration())
        let reply = try await LoopbackHTTP.request(port: port, path: "/v1/engines/gptj_6B/translate",
                                                   json: ["text": ["Hi"], "source_lang": "en", "target_lang": "es"])
        await server.shutdown()
        XCTAssertEqual(reply.status, 400)
        let json = try reply.json()
        XCTAssertEqual(json["status"] as? Int, 400)
        let message = try XCTUnwrap(json["error"] as? String)
        XCTAssertTrue(message.contains("gptj_6B") && message.contains("apertium"), message)
    }

    func testMalformedJSONAndMissingFieldAre400() async throws {
        let (server, port) = try await TestServers.start(TestServers.configuration())
        let broken = try await LoopbackHTTP.request(port: port, path: "/v1/engines/apertium/translate",
                                                    rawBody: Data("{\"text\": [".utf8))
        let missing = try await LoopbackHTTP.request(port: port, path: "/v1/engines/apertium/translate",
                                                     json: ["text": ["Hi"]])
        let wrongType = try await LoopbackHTTP.request(port: port, path: "/v1/engines/apertium/translate",
                                                       json: ["text": ["Hi"], "target_lang": "es", "num_beams": "x"])
        let outOfRange = try await LoopbackHTTP.request(port: port, path: "/v1/engines/apertium/translate",
                                                        json: ["text": ["Hi"], "target_lang": "es", "num_beams": 9])
        await server.shutdown()
        XCTAssertEqual(broken.status, 400)
        XCTAssertTrue((try broken.json()["error"] as? String ?? "").contains("not valid JSON"), broken.text)
        XCTAssertEqual(missing.status, 400)
        XCTAssertTrue((try missing.json()["error"] as? String ?? "").contains("target_lang"), missing.text)
        XCTAssertEqual(wrongType.status, 400)
        XCTAssertTrue((try wrongType.json()["error"] as? String ?? "").contains("num_beams"), wrongType.text)
        XCTAssertEqual(outOfRange.status, 400)
        let message = try outOfRange.json()["error"] as? String ?? ""
        XCTAssertTrue(message.contains("num_beams") && message.contains("1…5"), message)
    }

    func testBodyOverOneMegabyteIs413() async throws {
        let (server, port) = try await TestServers.start(TestServers.configuration())
        let huge = String(repeating: "a", count: 1_100_000)
        let reply = try await LoopbackHTTP.request(port: port, path: "/v1/engines/apertium/translate",
                                                   json: ["text": [huge], "target_lang": "es"])
        await server.shutdown()
        XCTAssertEqual(reply.status, 413)
        XCTAssertEqual(try reply.json()["status"] as? Int, 413)
    }

    func testAPIKeyIsRequiredWhenConfigured() async throws {
        let (server, port) = try await TestServers.start(TestServers.configuration(apiKey: "s3cret"))
        let none = try await LoopbackHTTP.get(port: port, path: "/v1/credits")
        let wrong = try await LoopbackHTTP.get(port: port, path: "/v1/credits", headers: ["Authorization": "Bearer nope"])
        let right = try await LoopbackHTTP.get(port: port, path: "/v1/credits", headers: ["Authorization": "Bearer s3cret"])
        let booste = try await LoopbackHTTP.request(port: port, path: "/inference/pretrained/gpt2/async/check/v2",
                                                    json: ["TaskID": "x", "apiKey": "wrong"])
        await server.shutdown()
        XCTAssertEqual(none.status, 401)
        XCTAssertEqual(try none.json()["status"] as? Int, 401)
        XCTAssertEqual(wrong.status, 401)
        XCTAssertEqual(right.status, 200)
        XCTAssertEqual(booste.status, 401)
        XCTAssertNotNil(try booste.json()["message"] as? String)
    }

    func testNonLoopbackHostWithoutKeyIsRefused() throws {
        var configuration = TestServers.configuration()
        configuration.host = "0.0.0.0"
        XCTAssertThrowsError(try EngineServer(configuration: configuration)) { error in
            XCTAssertEqual(error as? EngineServerError, .nonLoopbackWithoutAPIKey(host: "0.0.0.0"))
        }
        configuration.apiKey = "key"
        XCTAssertNoThrow(try EngineServer(configuration: configuration))
    }

    func testImagesAreRefusedInTextSynthShape() async throws {
        let (server, port) = try await TestServers.start(TestServers.configuration())
        let reply = try await LoopbackHTTP.request(port: port, path: "/v1/engines/apertium/text_to_image",
                                                   json: ["prompt": "a horse"])
        await server.shutdown()
        XCTAssertEqual(reply.status, 400)
        XCTAssertTrue((try reply.json()["error"] as? String ?? "").contains("no image model"))
    }

    func testLedgerPersistsAcrossRestartAndRefusesWhenSpent() async throws {
        try await TestServers.requireApertium()
        let directory = TestServers.temporaryDirectory()
        var configuration = TestServers.configuration(stateDirectory: directory)
        configuration.creditsPerToken = 1
        configuration.initialCredits = 12
        var (server, port) = try await TestServers.start(configuration)
        let first = try await LoopbackHTTP.request(port: port, path: "/v1/engines/apertium/translate",
                                                   json: ["text": ["I have a dog."], "source_lang": "en", "target_lang": "es"])
        XCTAssertEqual(first.status, 200, first.text)
        let used = (try first.json()["input_tokens"] as? Int ?? 0) + (try first.json()["output_tokens"] as? Int ?? 0)
        XCTAssertEqual(used, 7)  // "I have a dog." → "Tengo un perro.": 4 + 3 words
        await server.shutdown()

        (server, port) = try await TestServers.start(configuration)
        let credits = try await LoopbackHTTP.get(port: port, path: "/v1/credits")
        XCTAssertEqual(try credits.json()["credits"] as? Int, 5_000_000_000)
        _ = try await LoopbackHTTP.request(port: port, path: "/v1/engines/apertium/translate",
                                           json: ["text": ["I have a dog."], "source_lang": "en", "target_lang": "es"])
        let spent = try await LoopbackHTTP.request(port: port, path: "/v1/engines/apertium/translate",
                                                   json: ["text": ["I have a dog."], "source_lang": "en", "target_lang": "es"])
        let after = try await LoopbackHTTP.get(port: port, path: "/v1/credits")
        await server.shutdown()
        XCTAssertEqual(spent.status, 402)
        XCTAssertEqual(try spent.json()["status"] as? Int, 402)
        XCTAssertEqual(try after.json()["credits"] as? Int, 0)
        let saved = try String(contentsOf: directory.appendingPathComponent("local-credits.json"), encoding: .utf8)
        XCTAssertTrue(saved.contains("remaining_nanocredits"), saved)
    }
}
