// /translate through a real HTTP connection, served by the Apertium installed on this machine.

import Foundation
import TestPeer
import XCTest
@testable import EngineServer

final class TranslationEndpointTests: XCTestCase {
    private var server: EngineServer!
    private var port = 0

    override func setUp() async throws {
        try await TestServers.requireApertium()
        (server, port) = try await TestServers.start(TestServers.configuration())
    }

    override func tearDown() async throws {
        await server?.shutdown()
    }

    private func translate(_ texts: [String], from source: String, to target: String, engine: String = "apertium",
                           splitSentences: Bool = true) async throws -> HTTPReply {
        try await LoopbackHTTP.request(port: port, path: "/v1/engines/\(engine)/translate", json: [
            "text": texts, "source_lang": source, "target_lang": target, "split_sentences": splitSentences,
        ])
    }

    func testEnglishToSpanish() async throws {
        let reply = try await translate(["The quick brown fox jumps over the lazy dog."], from: "en", to: "es")
        XCTAssertEqual(reply.status, 200, reply.text)
        let translations = try XCTUnwrap(try reply.json()["translations"] as? [[String: Any]])
        XCTAssertEqual(translations.count, 1)
        XCTAssertEqual(translations[0]["text"] as? String, "El zorro marrón rápido salta el perro perezoso.")
        XCTAssertEqual(translations[0]["detected_source_lang"] as? String, "en")
        XCTAssertEqual(try reply.json()["input_tokens"] as? Int, 9)
    }

    func testEnglishToFrenchGoesThroughSpanish() async throws {
        let reply = try await translate(["The quick brown fox jumps over the lazy dog."], from: "en", to: "fr",
                                        engine: "m2m100_1_2B")
        XCTAssertEqual(reply.status, 200, reply.text)
        let translations = try XCTUnwrap(try reply.json()["translations"] as? [[String: Any]])
        XCTAssertEqual(translations[0]["text"] as? String, "Le renard marron rapide saute le chien paresseux.")
    }

    func testBatchStaysAlignedWithSentencesAndLines() async throws {
        let texts = ["Hello world. How are you?", "The dog.\nThe cat.", "", "I have a red car."]
        let reply = try await translate(texts, from: "eng", to: "spa")
        XCTAssertEqual(reply.status, 200, reply.text)
        let translations = try XCTUnwrap(try reply.json()["translations"] as? [[String: Any]])
        let output = translations.compactMap { $0["text"] as? String }
        XCTAssertEqual(output.count, 4)
        XCTAssertTrue(output[0].hasPrefix("Hola"), output[0])
        XCTAssertTrue(output[0].contains("?"), output[0])
        XCTAssertEqual(output[1].split(separator: "\n").count, 2, output[1])
        XCTAssertTrue(output[1].hasPrefix("El perro"), output[1])
        XCTAssertEqual(output[2], "")
        XCTAssertTrue(output[3].contains("coche") || output[3].contains("carro"), output[3])
    }

    func testAutoDetectsTheSourceLanguage() async throws {
        let reply = try await translate(["El perro es muy grande y la casa está en la ciudad.",
                                         "The house is on the hill and the dog is big."], from: "auto", to: "fr")
        XCTAssertEqual(reply.status, 200, reply.text)
        let translations = try XCTUnwrap(try reply.json()["translations"] as? [[String: Any]])
        XCTAssertEqual(translations.map { $0["detected_source_lang"] as? String }, ["es", "en"])
        XCTAssertTrue((translations[0]["text"] as? String ?? "").lowercased().contains("chien"))
    }

    func testUnsupportedPairListsThePairsThatWork() async throws {
        let reply = try await translate(["Hello"], from: "en", to: "de")
        XCTAssertEqual(reply.status, 400)
        let json = try reply.json()
        XCTAssertEqual(json["status"] as? Int, 400)
        let message = try XCTUnwrap(json["error"] as? String)
        XCTAssertTrue(message.contains("en-de"), message)
        XCTAssertTrue(message.contains("en-es") && message.contains("en-fr"), message)
    }

    func testTooManyTextsIsRefused() async throws {
        let reply = try await translate(Array(repeating: "Hi", count: 65), from: "en", to: "es")
        XCTAssertEqual(reply.status, 400)
        XCTAssertTrue((try reply.json()["error"] as? String ?? "").contains("text"))
    }

    func testTranslationOnCompletionEndpointIsRejected() async throws {
        let reply = try await LoopbackHTTP.request(port: port, path: "/v1/engines/apertium/completions",
                                                   json: ["prompt": "Hi"])
        XCTAssertEqual(reply.status, 400)
        XCTAssertTrue((try reply.json()["error"] as? String ?? "").contains("does not support completions"))
    }
}
