import XCTest
import SynthKit
@testable import SynthUI

final class TranslateRoundTripTests: XCTestCase {
    func testWordDiffIsALongestCommonSubsequence() {
        XCTAssertEqual(WordDiff.diff("the cat sat on the mat", "the cat is on the mat"), [
            DiffRun(.same, ["the", "cat"]), DiffRun(.removed, ["sat"]), DiffRun(.added, ["is"]),
            DiffRun(.same, ["on", "the", "mat"]),
        ])
        XCTAssertEqual(WordDiff.diff("", "new words"), [DiffRun(.added, ["new", "words"])])
        XCTAssertEqual(WordDiff.diff("gone", ""), [DiffRun(.removed, ["gone"])])
        XCTAssertEqual(WordDiff.diff("a  b\tc", "a b c"), [DiffRun(.same, ["a", "b", "c"])])
        // Moved words: only the longest common run survives as same.
        XCTAssertEqual(WordDiff.diff("a b c d", "c d a b").filter { $0.kind == .same }.flatMap(\.words).count, 2)
        XCTAssertEqual(WordDiff.similarity(WordDiff.diff("the cat sat on the mat", "the cat is on the mat")), 5.0 / 6.0,
                       accuracy: 1e-12)
    }

    func testRoundTripTranslatesBackAndDiffsAgainstTheOriginal() {
        var s = TranslatePadState.sample(text: "The cat sat on the mat.\n\nGood night.", columns: 120, rows: 40)
        s.press(.function(8))
        XCTAssertTrue(s.roundTripEnabled)
        let forward = TranslatePadState.translateRequests(s.send(.translate))
        XCTAssertEqual(forward.count, 1)
        let back = s.send(.translated(requestID: forward[0].id, answer: TranslateAnswer(translations: [
            .init(text: "Le chat était assis sur le tapis.", detectedSourceLang: "en"),
            .init(text: "Bonne nuit.", detectedSourceLang: "en"),
        ], inputTokens: 12, outputTokens: 20)))
        let requests = TranslatePadState.translateRequests(back)
        XCTAssertEqual(requests.count, 1)
        XCTAssertEqual(requests[0].request.sourceLang, "fr")
        XCTAssertEqual(requests[0].request.targetLang, "en", "auto goes back to the detected language")
        XCTAssertEqual(requests[0].request.text, ["Le chat était assis sur le tapis.", "Bonne nuit."])
        s.send(.translated(requestID: requests[0].id, answer: TranslateAnswer(translations: [
            .init(text: "The cat was sitting on the carpet.", detectedSourceLang: "fr"),
            .init(text: "Good night.", detectedSourceLang: "fr"),
        ], inputTokens: 20, outputTokens: 14)))
        let diffs = s.roundTripDiffs
        XCTAssertEqual(diffs.count, 3)
        XCTAssertNil(diffs[1], "the blank line has no round trip")
        XCTAssertEqual(diffs[0], [
            DiffRun(.same, ["The", "cat"]), DiffRun(.removed, ["sat"]), DiffRun(.added, ["was", "sitting"]),
            DiffRun(.same, ["on", "the"]), DiffRun(.removed, ["mat."]), DiffRun(.added, ["carpet."]),
        ])
        XCTAssertEqual(diffs[2], [DiffRun(.same, ["Good", "night."])])
        XCTAssertEqual(s.usage.map(\.label), ["batch 1/1", "return 1/1"])
        // On screen: a fourth pane with lost words in the error role and new ones in the stats role.
        let grid = s.grid
        let layout = s.layout
        XCTAssertEqual(layout.panes.map(\.kind), [.source, .translation, .roundTrip])
        let area = layout.textArea(2)
        let line = String(grid.text(ofRow: area.y).dropFirst(area.x).prefix(area.width))
        XCTAssertTrue(line.hasPrefix("The cat sat was sitting on the"), line)
        XCTAssertEqual(grid[area.x + 8, area.y].style.role, .error)
        XCTAssertEqual(grid[area.x + 12, area.y].style.role, .statsLine)
        XCTAssertEqual(grid[area.x, area.y].style.role, .outputText)
        GoldenFile.assertMatches(grid, named: "translate-roundtrip-120x40")
    }
}
