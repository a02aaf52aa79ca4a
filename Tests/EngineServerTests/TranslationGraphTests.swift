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

    private func mode(_ source: String, _ target: String) -> ApertiumMode {
        ApertiumMode(name: source + "-" + target, source: source, target: target)
    }

    func testRoutesPivotThroughAnyChainOfPairs() {
        // sv→is→en→es (3 hops), and a branch sv→da that leads nowhere near es.
        let graph = TranslationGraph(modes: [mode("sv", "is"), mode("is", "en"), mode("en", "es"), mode("sv", "da"),
                                             mode("da", "nb")])
        XCTAssertEqual(graph.route(from: "sv", to: "es")?.map(\.name), ["sv-is", "is-en", "en-es"])
        XCTAssertEqual(graph.route(from: "is", to: "es")?.map(\.name), ["is-en", "en-es"])
        XCTAssertEqual(graph.reachableTargets(from: "sv"), ["da", "en", "es", "is", "nb"])
        XCTAssertEqual(graph.route(from: "es", to: "sv"), nil, "modes are one-way")
        XCTAssertEqual(graph.route(from: "sv", to: "sv")?.count, 0)
    }

    func testFewerHopsWinThenEnglishAndSpanishThenAlphabeticalOrder() {
        let graph = TranslationGraph(modes: [
            mode("pt", "ca"), mode("ca", "fr"), mode("pt", "es"), mode("es", "fr"), mode("pt", "gl"), mode("gl", "fr"),
            mode("pt", "oc"), mode("oc", "an"), mode("ca", "an"), mode("gl", "an"),
            mode("pt", "eo"), mode("eo", "it"), mode("pt", "nl"), mode("nl", "af"), mode("af", "it"),
        ])
        XCTAssertEqual(graph.route(from: "pt", to: "fr")?.map(\.name), ["pt-es", "es-fr"], "Spanish before Catalan")
        XCTAssertEqual(graph.route(from: "pt", to: "an")?.map(\.name), ["pt-ca", "ca-an"], "then alphabetical")
        XCTAssertEqual(graph.route(from: "pt", to: "it")?.map(\.name), ["pt-eo", "eo-it"], "two hops beat three")
        // Built in another order, the same routes.
        let shuffled = TranslationGraph(modes: graph.modes.reversed())
        XCTAssertEqual(shuffled.route(from: "pt", to: "an")?.map(\.name), ["pt-ca", "ca-an"])
        XCTAssertEqual(shuffled.route(from: "pt", to: "fr")?.map(\.name), ["pt-es", "es-fr"])
    }

    func testRoutesLongerThanTheHopLimitAreRefusedSayingSo() {
        // a chain of five: en→es→ca→oc→fr→br.
        let graph = TranslationGraph(modes: [mode("en", "es"), mode("es", "ca"), mode("ca", "oc"), mode("oc", "fr"),
                                             mode("fr", "br")])
        XCTAssertEqual(TranslationGraph.maximumHops, 4)
        XCTAssertEqual(graph.route(from: "en", to: "fr")?.count, 4)
        XCTAssertNil(graph.route(from: "en", to: "br"))
        XCTAssertEqual(graph.shortestRoute(from: "en", to: "br")?.count, 5)
        XCTAssertFalse(graph.reachablePairs.contains("en-br"))
        XCTAssertTrue(graph.reachablePairs.contains("es-br"))
        XCTAssertThrowsError(try graph.checkedRoute(from: "en", to: "br")) { error in
            XCTAssertEqual(error as? TranslationFailure, .routeTooLong(source: "en", target: "br", hops: 5))
            XCTAssertTrue("\(error)".contains("5 steps, more than the 4 allowed"), "\(error)")
        }
    }

    func testUnreachablePairNamesWhereTheSourceGoesAndTheInstalledPairs() {
        let graph = TranslationGraph(modes: [mode("ru", "uk"), mode("uk", "ru"), mode("en", "es")])
        XCTAssertThrowsError(try graph.checkedRoute(from: "ru", to: "es")) { error in
            let message = "\(error)"
            XCTAssertTrue(message.hasPrefix("unsupported language pair ru-es"), message)
            XCTAssertTrue(message.contains("from ru they reach: uk;"), message)
            XCTAssertTrue(message.contains("installed pairs: en-es, ru-uk, uk-ru"), message)
        }
        XCTAssertThrowsError(try graph.checkedRoute(from: "de", to: "es")) { error in
            XCTAssertTrue("\(error)".contains("from de they reach: nothing"), "\(error)")
        }
    }

    func testApertiumCodesMapNorwegianAndSerboCroatian() {
        let graph = TranslationGraph(apertiumListing: "nob-nno\nnno-nob\nswe-nob\nhbs-eng\neng-hbs\nind-zlm\nspa-arg\n")
        XCTAssertEqual(graph.directPairs, ["en-sh", "es-an", "id-ms", "nb-nn", "nn-nb", "sh-en", "sv-nb"])
        // The aliases on top of SynthKit's normalisation (LanguagesTests): what clients send, as the graph names it.
        let sent = ["no", "nor", "NB", "hr", "srp", "bs", "nno", "pt_BR", "english"]
        XCTAssertEqual(sent.map(ApertiumTranslator.code), ["nb", "nb", "nb", "sh", "sh", "sh", "nn", "pt", nil])
    }
}
