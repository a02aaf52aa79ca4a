// Which languages each translation engine offers, their names, and the ISO 639 code table.

import XCTest
@testable import SynthKit
@testable import SynthWire

final class LanguagesTests: XCTestCase {
    func testMADLAD400HasItsLanguageTokensAndNothingElse() {
        let codes = Languages.madlad400Codes
        XCTAssertEqual(codes.count, 419, "the model card's count of languages")
        XCTAssertEqual(Set(codes).count, codes.count)
        XCTAssertTrue(codes.allSatisfy { (2...3).contains($0.count) && $0.allSatisfy { $0 >= "a" && $0 <= "z" } })
        for code in ["en", "fr", "zh", "no", "nn", "sh", "fil", "kaa", "ckb", "haw", "tlh", "zza"] {
            XCTAssertTrue(codes.contains(code), code)
        }
        // Script, region and task tokens are not languages.
        for token in ["Latn", "translate", "transliterate", "RU", "zh_Hant", "mass", "zxx"] {
            XCTAssertFalse(codes.contains(token), token)
        }
        XCTAssertTrue(Set(Languages.m2m100.map(\.code)).subtracting(codes).count < 10,
                      "MADLAD-400 covers nearly all of M2M100's languages")
    }

    func testEnginesHaveTheirOwnLanguages() {
        XCTAssertEqual(Languages.of(engine: "madlad400_7B")?.count, 419)
        XCTAssertEqual(Languages.of(engine: "m2m100_1_2B"), Languages.m2m100)
        XCTAssertNil(Languages.of(engine: "apertium"), "its languages are the pairs its server lists")
        XCTAssertNil(Languages.of(engine: "my_own_mt"))
        XCTAssertEqual(Languages.engine("madlad400_7B", translates: "kaa"), true)
        XCTAssertEqual(Languages.engine("madlad400_7B", translates: "zh_Hant"), true, "judged by its language part")
        XCTAssertEqual(Languages.engine("m2m100_1_2B", translates: "kaa"), false)
        XCTAssertNil(Languages.engine("my_own_mt", translates: "kaa"))
    }

    func testNamesForTheCodesWeKnowAndTheCodeOtherwise() {
        XCTAssertEqual(Languages.name(of: "de"), "German")
        XCTAssertEqual(Languages.name(of: "eo"), "Esperanto")
        XCTAssertEqual(Languages.name(of: "nb"), "Norwegian Bokmål")
        XCTAssertEqual(Languages.name(of: "sh"), "Serbo-Croatian")
        XCTAssertEqual(Languages.name(of: "kaa"), "kaa")
        let madlad = Dictionary(uniqueKeysWithValues: Languages.madlad400.map { ($0.code, $0.name) })
        XCTAssertEqual(madlad["fr"], "French")
        XCTAssertEqual(madlad["kaa"], "kaa")
    }

    func testLanguageCodesNormalise() {
        XCTAssertEqual(LanguageCode.normalised("eng"), "en")
        XCTAssertEqual(LanguageCode.normalised("pt_BR"), "pt")
        XCTAssertEqual(LanguageCode.normalised("FR"), "fr")
        XCTAssertEqual(LanguageCode.normalised("nob"), "nb")
        XCTAssertEqual(LanguageCode.normalised("nno"), "nn")
        XCTAssertEqual(LanguageCode.normalised("nor"), "no")
        XCTAssertEqual(LanguageCode.normalised("hbs"), "sh")
        XCTAssertEqual(LanguageCode.normalised("zlm"), "ms")
        XCTAssertEqual(LanguageCode.normalised("arg"), "an")
        XCTAssertEqual(LanguageCode.normalised("ast"), "ast", "no 2-letter code: stays")
        XCTAssertNil(LanguageCode.normalised("english"))
        XCTAssertTrue(LanguageCode.isKnown("frp"))
        XCTAssertTrue(LanguageCode.isKnown("ast"))
        XCTAssertFalse(LanguageCode.isKnown("eco"), "eco-es-fr is a debugging mode, not a pair")
    }

    func testTranslateRequestChecksTheEnginesLanguages() throws {
        let request = TranslateRequest(text: ["Hi"], sourceLang: "auto", targetLang: "kaa")
        XCTAssertNoThrow(try request.validateLanguages(for: "madlad400_7B"))
        XCTAssertNoThrow(try request.validateLanguages(for: "apertium"))
        XCTAssertThrowsError(try request.validateLanguages(for: "m2m100_1_2B")) { error in
            let error = error as? ValidationError
            XCTAssertEqual(error?.field, "target_lang")
            XCTAssertTrue(error?.allowed.hasPrefix("its 99 codes: af sq am") ?? false, "\(String(describing: error))")
        }
    }
}
