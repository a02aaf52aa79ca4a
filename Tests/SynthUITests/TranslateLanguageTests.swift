import XCTest
import SynthKit
@testable import SynthUI

final class TranslateLanguageTests: XCTestCase {
    func testTheReferenceTableIsComplete() {
        let languages = Languages.m2m100
        XCTAssertEqual(languages.count, 99, "the table in textsynth-api.txt, its last row (yi yo zu) included")
        XCTAssertEqual(languages.suffix(3).map(\.code), ["yi", "yo", "zu"])
        XCTAssertEqual(Set(languages.map(\.code)).count, languages.count)
        XCTAssertEqual(Languages.name(of: "ast"), "Asturian")
        XCTAssertEqual(Languages.name(of: "zh"), "Chinese")
        XCTAssertEqual(Languages.name(of: "nso"), "Northern Sotho")
        XCTAssertTrue(languages.allSatisfy { (2...3).contains($0.code.count) && $0.code.allSatisfy(\.isLowercase) })
    }

    func testSearchPutsExactCodesAndPrefixesFirst() {
        XCTAssertEqual(LanguagePicker.search("fr").map(\.code), ["fr", "af", "fy"])
        XCTAssertEqual(LanguagePicker.search("sw").map(\.code), ["sw", "ss", "sv", "tn"], "Tswana contains sw")
        XCTAssertEqual(LanguagePicker.search("Ger").map(\.name), ["German"])
        // Prefix of a name before a name merely containing the text.
        XCTAssertEqual(LanguagePicker.search("ma").prefix(5).map(\.code), ["mk", "mg", "ms", "ml", "mr"])
        XCTAssertEqual(LanguagePicker.search("gaelic").map(\.code), ["gd"])
        XCTAssertTrue(LanguagePicker.search("qqq").isEmpty)
        XCTAssertEqual(LanguagePicker.search("").count, 99)
        XCTAssertEqual(LanguagePicker.search("", includeAuto: true).first?.code, "auto")
        XCTAssertEqual(LanguagePicker.search("au", includeAuto: true).first?.code, "auto")
    }

    func testPickerIsIncrementalAndChoosesWithEnter() {
        var s = TranslatePadState.sample()
        s.press(.function(3))
        XCTAssertEqual(s.picker?.side, .target)
        XCTAssertFalse(s.picker?.matches.contains { $0.code == "auto" } ?? true, "the target cannot be auto")
        for c in "spa" { s.press(.character(c)) }
        XCTAssertEqual(s.picker?.selection?.code, "es")
        s.press(.backspace)
        s.press(.backspace)
        XCTAssertEqual(s.picker?.query, "s")
        s.press(.down)
        let chosen = s.picker?.selection?.code
        s.press(.enter)
        XCTAssertNil(s.picker)
        XCTAssertEqual(s.targetLang, chosen)
        s.press(.function(2))
        s.press(.escape)
        XCTAssertNil(s.picker)
        XCTAssertEqual(s.sourceLang, "auto", "Esc leaves the language as it was")
    }

    func testApertiumPairNamesBecomeSupport() {
        let support = LanguageSupport(pairNames: ["eng-spa", "spa-eng_US", "fr-es", "en-eo-bytecode", "eco-es-fr", "es-pt",
                                                  "nob-nno", "hbs-eng", "ind-zlm"])
        XCTAssertEqual(support, .pairs([LanguagePair("en", "es"), LanguagePair("es", "en"), LanguagePair("fr", "es"),
                                        LanguagePair("es", "pt"), LanguagePair("nb", "nn"), LanguagePair("sh", "en"),
                                        LanguagePair("id", "ms")]))
        XCTAssertTrue(support.canTranslate(to: "es", from: "en"))
        XCTAssertFalse(support.canTranslate(to: "fr", from: "es"))
    }

    func testThePickerOffersTheEnginesLanguages() {
        // TextSynth's cloud: MADLAD-400's 419 languages, Karakalpak among them (code only: we have no name for it).
        var cloud = TranslatePadState(engine: "madlad400_7B")
        XCTAssertEqual(cloud.support, LanguageSupport(engine: "madlad400_7B"))
        cloud.press(.function(3))
        XCTAssertEqual(cloud.picker?.matches.count, 419)
        for c in "kaa" { cloud.press(.character(c)) }
        XCTAssertEqual(cloud.picker?.selection, Language(code: "kaa", name: "kaa"))
        cloud.press(.enter)
        XCTAssertEqual(cloud.targetLang, "kaa")
        var shown = TranslatePadState.sample(columns: 80, rows: 24, support: LanguageSupport(engine: "madlad400_7B"))
        shown.press(.function(3))
        for c in "kaa" { shown.press(.character(c)) }
        let rows = (0..<shown.grid.rows).map { shown.grid.text(ofRow: $0) }
        XCTAssertTrue(rows.contains { $0.contains("┃kaa ") }, "a code with no name is shown once")
        XCTAssertFalse(rows.contains { $0.contains("kaa  kaa") })

        // M2M100: its 99, plus "auto" on the source side.
        var m2m = TranslatePadState(engine: "m2m100_1_2B")
        m2m.press(.function(2))
        XCTAssertEqual(m2m.picker?.matches.count, 100)
        XCTAssertFalse(m2m.picker?.matches.contains { $0.code == "kaa" } ?? true)

        // The local engine: the languages of the pairs its server lists, Esperanto and Bokmål named.
        let apertium = LanguageSupport(pairNames: ["en-eo", "eo-en", "nb-nn", "sh-en", "xq-en"])
        XCTAssertEqual(apertium.offered.map(\.code), ["en", "eo", "nb", "nn", "sh", "xq"])
        XCTAssertEqual(apertium.offered.map(\.name).prefix(4), ["English", "Esperanto", "Norwegian Bokmål", "Norwegian Nynorsk"])
        // An engine synthpad does not know: any code may work; M2M100's table is what the picker shows.
        XCTAssertEqual(LanguageSupport(engine: "my_own_mt"), .all)
        XCTAssertEqual(LanguageSupport.all.offered, Languages.m2m100)
    }

    func testUnsupportedLanguagesAreMarked() {
        // The local engine's Apertium pairs.
        let support = LanguageSupport.pairs([LanguagePair("en", "es"), LanguagePair("es", "en"), LanguagePair("fr", "es")])
        XCTAssertTrue(support.canTranslate(to: "es", from: "fr"))
        XCTAssertFalse(support.canTranslate(to: "fr", from: "en"))
        XCTAssertTrue(support.canTranslate(to: "en", from: "auto"))
        XCTAssertTrue(support.canTranslate(from: "fr", to: nil))
        XCTAssertFalse(support.canTranslate(from: "de", to: nil))
        XCTAssertFalse(LanguageSupport.codes(["en", "fr"]).canTranslate(to: "de", from: "en"))

        var s = TranslatePadState.sample(text: "Hello", columns: 80, rows: 24, source: "en", target: "fr", support: support)
        XCTAssertFalse(s.directionSupported)
        let effects = s.send(.translate)
        XCTAssertTrue(effects.isEmpty, "an impossible direction is not sent")
        XCTAssertEqual(s.notice?.isError, true)
        s.press(.function(3))
        for c in "fr" { s.press(.character(c)) }
        let grid = s.grid
        let frenchRow = (0..<grid.rows).map { grid.text(ofRow: $0) }.first { $0.contains("fr   French") }
        XCTAssertTrue(frenchRow?.contains("✗ unavailable") ?? false, grid.text)
        GoldenFile.assertMatches(grid, named: "translate-picker-80x24")
        s.press(.escape)
        s.send(.setLanguage(.target, code: "es"))
        XCTAssertTrue(s.directionSupported)
        XCTAssertNil(s.notice)
    }
}
