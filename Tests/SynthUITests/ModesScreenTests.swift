import XCTest
import SynthKit
@testable import SynthUI

/// The compare screen (F2) and the scratchpad (F3) drawn through the app's render, shared status bar included.
final class ModesScreenTests: XCTestCase {
    func compareScreen(columns: Int, rows: Int) -> AppState {
        var s = AppState.sample(columns: columns, rows: rows, prompt: "The three best things about mornings are")
        s.parameters.sampling.seed = 7
        s.press(.function(2))
        s.press(.character("a"))
        s.press(.function(5))
        s.send(.streamChunk(request: .compare(1), index: 0, text: " coffee, quiet streets and the light."))
        s.send(.streamChunk(request: .compare(2), index: 0, text: " coffee, birdsong and 朝ごはん."))
        s.send(.streamFinished(request: .compare(1), stats: CompletionStats(inputTokens: 9, outputTokens: 9,
                                                                             finishReason: "stop",
                                                                             timeToFirstToken: 0.2, totalTime: 1.1)))
        s.send(.streamChunk(request: .compare(3), index: 0, text: " coffee, coffee"))
        return s
    }

    func padScreen(columns: Int, rows: Int) -> AppState {
        var s = AppState.sample(columns: columns, rows: rows)
        s.send(.translate(.setBackend(name: "local", engine: "apertium",
                                      support: LanguageSupport(pairNames: ["en-es", "es-en", "en-fr"]), price: nil)))
        s.press(.function(3))
        s.send(.translate(.setLanguage(.source, code: "en")))
        s.send(.translate(.setLanguage(.target, code: "es")))
        s.type("Good morning.")
        s.press(.enter)
        s.press(.enter)
        s.type("The cat sleeps on the warm windowsill all afternoon.")
        s.press(.function(5))
        s.send(.translated(request: .translate(1), answer: TranslateAnswer(translations: [
            .init(text: "Buenos días.", detectedSourceLang: "en"),
            .init(text: "El gato duerme en el alféizar caliente toda la tarde.", detectedSourceLang: "en"),
        ])))
        return s
    }

    func testCompareGolden120x40() {
        let s = compareScreen(columns: 120, rows: 40)
        XCTAssertTrue(s.screen.contains("streaming 2/3"), "columns 2 and 3 still stream")
        GoldenFile.assertMatches(render(s), named: "modes-compare-120x40")
    }

    func testCompareGolden80x24() {
        GoldenFile.assertMatches(render(compareScreen(columns: 80, rows: 24)), named: "modes-compare-80x24")
    }

    func testTranslateGolden120x40() {
        let s = padScreen(columns: 120, rows: 40)
        XCTAssertTrue(s.screen.contains("El gato duerme"))
        GoldenFile.assertMatches(render(s), named: "modes-translate-120x40")
    }

    func testTranslateGolden80x24() {
        GoldenFile.assertMatches(render(padScreen(columns: 80, rows: 24)), named: "modes-translate-80x24")
    }

    func testModeHelpGoldens80x24() {
        var compare = AppState.sample()
        compare.press(.function(2))
        compare.press(.function(1))
        GoldenFile.assertMatches(render(compare), named: "modes-compare-help-80x24")
        var pad = AppState.sample()
        pad.press(.function(3))
        pad.press(.function(1))
        GoldenFile.assertMatches(render(pad), named: "modes-translate-help-80x24")
    }

    func testModesDrawAtEverySizeAndKeepTheirTextThroughResizes() {
        var compare = compareScreen(columns: 120, rows: 40)
        var pad = padScreen(columns: 120, rows: 40)
        for (columns, rows) in [(40, 12), (30, 10), (60, 20), (200, 60), (80, 24)] {
            compare.send(.resize(columns: columns, rows: rows))
            pad.send(.resize(columns: columns, rows: rows))
            let screens = [render(compare).text, render(pad).text]
            for screen in screens where columns >= Layout.minimumColumns {
                XCTAssertTrue(screen.contains(" textsynth · ") || screen.contains(" local · "),
                              "the shared status bar at \(columns)×\(rows):\n\(screen)")
            }
            if columns < Layout.minimumColumns { XCTAssertTrue(screens.allSatisfy { $0.contains("too small") }) }
        }
        XCTAssertEqual(compare.compare?.columns.map(\.text),
                       [" coffee, quiet streets and the light.", " coffee, birdsong and 朝ごはん.", " coffee, coffee"])
        XCTAssertEqual(render(compare), render(compareScreen(columns: 80, rows: 24)))
        XCTAssertTrue(render(pad).text.contains("Buenos días."))
    }
}
