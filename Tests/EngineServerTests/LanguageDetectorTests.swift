// cld2 through the CCld2 bridge: sentences in several languages and scripts, and text too short to tell.

import XCTest
@testable import EngineServer

final class LanguageDetectorTests: XCTestCase {
    func testSentencesAreDetected() {
        let sentences = [
            "de": "Der schnelle braune Fuchs springt über den faulen Hund und läuft in den Wald.",
            "fr": "Le renard brun rapide saute par-dessus le chien paresseux et court dans la forêt.",
            "ru": "Быстрая коричневая лиса прыгает через ленивую собаку и убегает в лес.",
            "ja": "素早い茶色の狐がのろまな犬を飛び越えて、森の中へ走っていった。",
            "sw": "Mbweha mwepesi wa kahawia anaruka juu ya mbwa mvivu na kwenda msituni.",
            "uk": "Я живу в Києві і працюю вчителем у школі вже багато років.",
            "he": "השועל החום המהיר קופץ מעל הכלב העצלן ורץ אל היער.",
        ]
        for (code, sentence) in sentences {
            XCTAssertEqual(LanguageDetector.detect(sentence), .language(code), sentence)
        }
    }

    func testShortTextIsUnreliableNotGuessed() {
        guard case .unreliable = LanguageDetector.detect("Hallo") else {
            return XCTFail("one word should not be detected reliably: \(LanguageDetector.detect("Hallo"))")
        }
        XCTAssertEqual(LanguageDetector.detect(""), .unreliable(bestGuess: nil))
        XCTAssertEqual(LanguageDetector.detect("12345 !!! ..."), .unreliable(bestGuess: nil))
    }

    func testCld2CodesBecomeOurs() {
        XCTAssertEqual(LanguageDetector.ourCode("iw"), "he")
        XCTAssertEqual(LanguageDetector.ourCode("zh-Hant"), "zh")
        XCTAssertEqual(LanguageDetector.ourCode("sr-ME"), "sr")
        XCTAssertNil(LanguageDetector.ourCode("un"))
        XCTAssertNil(LanguageDetector.ourCode("xxx"))
    }
}
