// The pieces of the Apertium translator that need no process: mode names, routes, sentences, detection.

import XCTest
@testable import EngineServer

final class TranslationGraphTests: XCTestCase {
    private let listing = """
      eco-es-fr
      en-eo-bytecode
      en-eo
      eng-spa
      eo-en
      es-fr
      es-pt
      es-pt_BR
      fr-es
      spa-eng
      spa-eng_US
    """

    func testModeNamesAreNormalisedAndDebugModesSkipped() {
        let graph = TranslationGraph(apertiumListing: listing)
        XCTAssertEqual(graph.directPairs, ["en-eo", "en-es", "eo-en", "es-en", "es-fr", "es-pt", "fr-es"])
        XCTAssertEqual(graph.modes.first { $0.source == "es" && $0.target == "en" }?.name, "spa-eng")
        XCTAssertEqual(graph.modes.first { $0.source == "es" && $0.target == "pt" }?.name, "es-pt")
    }

    func testRoutePivotsWhenNoDirectModeExists() {
        let graph = TranslationGraph(apertiumListing: listing)
        XCTAssertEqual(graph.route(from: "en", to: "fr")?.map(\.name), ["eng-spa", "es-fr"])
        XCTAssertEqual(graph.route(from: "en", to: "es")?.map(\.name), ["eng-spa"])
        XCTAssertEqual(graph.route(from: "fr", to: "pt")?.map(\.name), ["fr-es", "es-pt"])
        XCTAssertNil(graph.route(from: "en", to: "de"))
        XCTAssertTrue(graph.reachablePairs.contains("eo-fr"))
    }

    func testVariantModeIsUsedOnlyWithoutAPlainOne() {
        let graph = TranslationGraph(apertiumListing: "spa-eng_US\n")
        XCTAssertEqual(graph.route(from: "es", to: "en")?.map(\.name), ["spa-eng_US"])
    }

    func testSentenceSplitterKeepsSpacingAndAbbreviations() {
        let split = SentenceSplitter.split("  Dr. Smith came. Did he?  Yes!\nNext line ", sentences: true)
        XCTAssertEqual(split.pieces, ["Dr. Smith came.", "Did he?", "Yes!", "Next line"])
        XCTAssertEqual(split.joined(with: split.pieces), "  Dr. Smith came. Did he?  Yes!\nNext line ")
        let whole = SentenceSplitter.split("One. Two.", sentences: false)
        XCTAssertEqual(whole.pieces, ["One. Two."])
    }

    func testLanguageDetectorPicksAmongCandidates() {
        let candidates = ["en", "es", "fr", "eo", "pt"]
        XCTAssertEqual(LanguageDetector.detect("The cat is on the table and it was happy.", among: candidates), "en")
        XCTAssertEqual(LanguageDetector.detect("El gato está en la mesa y no quiere bajar.", among: candidates), "es")
        XCTAssertEqual(LanguageDetector.detect("Le chat est sur la table et il ne veut pas descendre.", among: candidates), "fr")
        XCTAssertEqual(LanguageDetector.detect("La kato estas sur la tablo kaj ĝi ne volas descendi.", among: candidates), "eo")
        XCTAssertEqual(LanguageDetector.detect("O gato não quer descer da mesa, já é muito tarde.", among: candidates), "pt")
    }

    func testLanguageCodes() {
        XCTAssertEqual(LanguageCode.normalised("eng"), "en")
        XCTAssertEqual(LanguageCode.normalised("pt_BR"), "pt")
        XCTAssertEqual(LanguageCode.normalised("FR"), "fr")
        XCTAssertNil(LanguageCode.normalised("english"))
    }
}
