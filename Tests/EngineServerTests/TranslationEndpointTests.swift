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
                           splitSentences: Bool = true, numBeams: Int? = nil) async throws -> HTTPReply {
        var body: [String: Any] = [
            "text": texts, "source_lang": source, "target_lang": target, "split_sentences": splitSentences,
        ]
        if let numBeams { body["num_beams"] = numBeams }
        return try await LoopbackHTTP.request(port: port, path: "/v1/engines/\(engine)/translate", json: body)
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
        XCTAssertTrue(message.contains("unsupported language pair en-de"), message)
        XCTAssertTrue(message.contains("from en they reach: ") && message.contains(" fr,"), message)
        XCTAssertTrue(message.contains("installed pairs: ") && message.contains("en-es, "), message)
    }

    func testAutoDetectsLanguagesBeyondTheInstalledPairsWithCld2() async throws {
        // cld2 knows German, Russian, Japanese and Swahili; no installed pair translates them into Spanish, and the error
        // says which language was detected.
        let german = try await translate(["Der schnelle braune Fuchs springt über den faulen Hund und läuft in den Wald."],
                                         from: "auto", to: "es")
        XCTAssertEqual(german.status, 400, german.text)
        XCTAssertTrue((try german.json()["error"] as? String ?? "").contains("unsupported language pair de-es"), german.text)
        for (code, text) in [("ru", "Быстрая коричневая лиса прыгает через ленивую собаку и убегает в лес."),
                             ("ja", "素早い茶色の狐がのろまな犬を飛び越えて、森の中へ走っていった。"),
                             ("sw", "Mbweha mwepesi wa kahawia anaruka juu ya mbwa mvivu na kwenda msituni.")] {
            let reply = try await translate([text], from: "auto", to: "es")
            XCTAssertTrue((try reply.json()["error"] as? String ?? "").contains("pair \(code)-es"), reply.text)
        }
    }

    func testAutoDetectedFrenchAndRussianAreTranslated() async throws {
        try await TestServers.requireApertium(pairs: ["fr-es", "ru-uk"])
        let french = try await translate(["Le chien est très grand et la maison est dans la ville."], from: "auto", to: "es")
        XCTAssertEqual(french.status, 200, french.text)
        let frenchOut = try XCTUnwrap(try french.json()["translations"] as? [[String: Any]])
        XCTAssertEqual(frenchOut[0]["detected_source_lang"] as? String, "fr")
        XCTAssertTrue((frenchOut[0]["text"] as? String ?? "").contains("perro"), french.text)
        let russian = try await translate(["Я живу в большом городе и работаю учителем в школе."], from: "auto", to: "uk")
        XCTAssertEqual(russian.status, 200, russian.text)
        let russianOut = try XCTUnwrap(try russian.json()["translations"] as? [[String: Any]])
        XCTAssertEqual(russianOut[0]["detected_source_lang"] as? String, "ru")
        XCTAssertTrue((russianOut[0]["text"] as? String ?? "").contains("живу"), russian.text)
    }

    func testAutoRefusesTextTooShortToTell() async throws {
        let reply = try await translate(["The house is on the hill and the dog is big.", "Hallo"], from: "auto", to: "es")
        XCTAssertEqual(reply.status, 400, reply.text)
        let message = try XCTUnwrap(try reply.json()["error"] as? String)
        XCTAssertTrue(message.contains("the language of text 2 cannot be told reliably"), message)
        XCTAssertTrue(message.contains("give source_lang"), message)
        // Blank texts need no language: they stay blank, "und"etermined.
        let blank = try await translate(["The dog is big and the house is on the hill.", "  "], from: "auto", to: "es")
        XCTAssertEqual(blank.status, 200, blank.text)
        let out = try XCTUnwrap(try blank.json()["translations"] as? [[String: Any]])
        XCTAssertEqual(out.map { $0["detected_source_lang"] as? String }, ["en", "und"])
        XCTAssertEqual(out[1]["text"] as? String, "  ")
    }

    func testThreeHopRouteThroughTheInstalledPairs() async throws {
        // Swedish has no pair into Spanish: sv→is→en→es (apertium-isl-swe, apertium-isl-eng, apertium-eng-spa).
        try await TestServers.requireApertium(pairs: ["sv-is", "is-en", "en-es"])
        let reply = try await translate(["Jag har en röd bil och en liten hund."], from: "sv", to: "es")
        XCTAssertEqual(reply.status, 200, reply.text)
        let text = try XCTUnwrap((try reply.json()["translations"] as? [[String: Any]])?.first?["text"] as? String)
        XCTAssertTrue(text.contains("coche") && text.contains("perro"), text)
        let graph = await ApertiumTranslator.discover().graph
        XCTAssertEqual(graph.route(from: "sv", to: "es")?.count, 3)
    }

    func testNumBeamsDoesNotChangeTheAnswerButMustBeInRange() async throws {
        let text = ["The quick brown fox jumps over the lazy dog."]
        let one = try await translate(text, from: "en", to: "es", numBeams: 1)
        let five = try await translate(text, from: "en", to: "es", numBeams: 5)
        XCTAssertEqual(one.status, 200, one.text)
        XCTAssertEqual(try one.json()["translations"] as? [[String: String]], try five.json()["translations"] as? [[String: String]])
        for beams in [0, 6] {
            let reply = try await translate(text, from: "en", to: "es", numBeams: beams)
            XCTAssertEqual(reply.status, 400, reply.text)
            let message = try reply.json()["error"] as? String ?? ""
            XCTAssertTrue(message.contains("num_beams") && message.contains("1") && message.contains("5"), message)
        }
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
