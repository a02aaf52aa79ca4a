import XCTest
import SynthKit
@testable import SynthUI

final class TranslatePadTests: XCTestCase {
    func testWrappedLinesKeepSourceAndTranslationStartingOnTheSameRow() {
        let panes: [[PaneText?]] = [
            [PaneText("a long source line that wraps over three rows"), PaneText(""), PaneText("short")],
            [PaneText("court"), nil, PaneText("une traduction bien plus longue que la source")],
        ]
        let rows = TranslationAlignment.align(panes: panes, widths: [16, 16])
        XCTAssertEqual(rows.map(\.line), [0, 0, 0, 1, 2, 2, 2])
        XCTAssertEqual(TranslationAlignment.firstRows(rows), [0: 0, 1: 3, 2: 4])
        XCTAssertNotNil(rows[0].pieces[1])
        XCTAssertNil(rows[1].pieces[1], "the shorter side is padded")
        XCTAssertNil(rows[5].pieces[0])
        XCTAssertNotNil(rows[5].pieces[1])
    }

    func testPadAlignsMultiLineAndWrappedInputOnScreen() {
        let text = "The quick brown fox jumps over the lazy dog while the farmer watches from the porch.\n\nShort one.\nLast line."
        var s = TranslatePadState.sample(text: text, columns: 80, rows: 24)
        s.answerAll(s.send(.translate))
        let grid = s.grid
        let layout = s.layout
        let source = layout.textArea(0), target = layout.textArea(1)
        // Each source line's first row holds the start of its translation.
        func row(of prefix: String, in area: Rect) -> Int? {
            (area.y..<area.maxY).first { y in
                String(grid.text(ofRow: y).dropFirst(area.x).prefix(area.width)).hasPrefix(prefix)
            }
        }
        XCTAssertEqual(row(of: "Short one.", in: source), row(of: "fr:SHORT ONE.", in: target))
        XCTAssertEqual(row(of: "Last line.", in: source), row(of: "fr:LAST LINE.", in: target))
        XCTAssertEqual(row(of: "The quick", in: source), row(of: "fr:THE QUICK", in: target))
        // The detected language sits in the gutter on each line's first row.
        let y = row(of: "fr:SHORT ONE.", in: target)!
        XCTAssertEqual(String(grid.text(ofRow: y).dropFirst(target.x - 3).prefix(2)), "en")
        // The long first line wraps; "Short one." is therefore below row 1 + 1 blank row.
        XCTAssertGreaterThan(row(of: "Short one.", in: source)!, source.y + 2)
        GoldenFile.assertMatches(grid, named: "translate-aligned-80x24")
    }

    func testSwapMakesTheOutputTheInput() {
        var s = TranslatePadState.sample(text: "Hello\n\nBye")
        s.answerAll(s.send(.translate), detected: "en")
        s.press(.function(4))
        XCTAssertEqual(s.source.text, "fr:HELLO\n\nfr:BYE")
        XCTAssertEqual(s.sourceLang, "fr")
        XCTAssertEqual(s.targetLang, "en", "auto becomes the detected language")
        XCTAssertNil(s.plan)
        let requests = TranslatePadState.translateRequests(s.send(.translate))
        XCTAssertEqual(requests.map(\.request.sourceLang), ["fr"])
        XCTAssertEqual(requests.map(\.request.targetLang), ["en"])
        XCTAssertEqual(requests.map(\.request.text), [["fr:HELLO", "fr:BYE"]])
    }

    func testCopyAllCarriesEveryTranslationInLineOrder() {
        var s = TranslatePadState.sample(text: "a\n\nb")
        s.answerAll(s.send(.translate))
        XCTAssertEqual(s.press(.function(6)), [.copyToClipboard("fr:A\n\nfr:B")])
        XCTAssertEqual(s.send(.copyAll), [.copyToClipboard("fr:A\n\nfr:B")])
    }

    func testOptionsReachTheRequest() {
        var s = TranslatePadState.sample(text: "x", source: "de", target: "it")
        s.press(.function(9))
        XCTAssertEqual(s.numBeams, 5)
        s.press(.function(9))
        XCTAssertEqual(s.numBeams, 1)
        s.send(.setNumBeams(9))
        XCTAssertEqual(s.numBeams, 5, "clamped to 1…5")
        s.press(.function(7))
        let request = TranslatePadState.translateRequests(s.send(.translate))[0].request
        XCTAssertEqual(request, TranslateRequest(text: ["x"], sourceLang: "de", targetLang: "it", numBeams: 5,
                                                 splitSentences: false))
    }

    func testTypingEditsTheSourceAndMarksOldTranslationsStale() {
        var s = TranslatePadState.sample(columns: 80, rows: 24)
        s.type("Good morning\nGood night")
        XCTAssertEqual(s.source.text, "Good morning\nGood night")
        s.answerAll(s.send(.translate))
        XCTAssertFalse(s.isStale)
        s.type("!")
        XCTAssertTrue(s.isStale)
        let grid = s.grid
        let target = s.layout.textArea(1)
        XCTAssertEqual(grid[target.x, target.y].style.role, .disabled)
        XCTAssertEqual(grid.cursor, CellPosition(x: s.layout.textArea(0).x + 11, y: s.layout.textArea(0).y + 1))
    }
}
