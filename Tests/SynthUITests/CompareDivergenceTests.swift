import XCTest
import SynthKit
@testable import SynthUI

final class CompareDivergenceTests: XCTestCase {
    func testCommonPrefixCountsGraphemes() {
        XCTAssertEqual(FirstDivergence.commonPrefixLength(["abcX", "abcY", "abcdZ"]), 3)
        XCTAssertEqual(FirstDivergence.commonPrefixLength(["same", "same"]), 4)
        XCTAssertEqual(FirstDivergence.commonPrefixLength(["x", "y"]), 0)
        XCTAssertEqual(FirstDivergence.commonPrefixLength(["alone"]), 0)
        // An emoji with a skin tone and a flag are one grapheme each; é composed or not is the same grapheme.
        XCTAssertEqual(FirstDivergence.commonPrefixLength(["👍🏽🇫🇷 oui", "👍🏽🇫🇷 non"]), 3)
        XCTAssertEqual(FirstDivergence.commonPrefixLength(["caf\u{E9} noir", "cafe\u{301} au lait"]), 5)
        XCTAssertEqual(FirstDivergence.utf8Offset(ofGrapheme: 2, in: "👍🏽🇫🇷 x"), 16)
    }

    func testMarksAcrossAllColumnsAndAgainstTheFirst() {
        let texts = ["The fox ran home.", "The fox ran away.", "The fox slept."]
        XCTAssertEqual(FirstDivergence.marks(texts, pairwise: false), [8, 8, 8])
        XCTAssertEqual(FirstDivergence.againstFirst(texts), [8, 12, 8])
        XCTAssertEqual(FirstDivergence.marks(texts, pairwise: true), [nil, 12, 8])
        // Different from the first character: marked at 0 (#9.9). A text that has not gone past the shared part:
        // not marked yet.
        XCTAssertEqual(FirstDivergence.marks(["abc", "xyz"], pairwise: false), [0, 0])
        XCTAssertEqual(FirstDivergence.marks(["abc", "xyz", "xbc"], pairwise: true), [nil, 0, 0])
        XCTAssertEqual(FirstDivergence.marks(["The", "The end"], pairwise: false), [nil, 3])
    }

    func testDivergencePointIsStyledInEveryColumn() {
        var s = CompareState.sample(count: 2, columns: 80, rows: 24)
        let runs = s.runAll()
        s.send(.chunk(columnID: runs[0].column, requestID: runs[0].request, text: "The fox ran home."))
        s.send(.chunk(columnID: runs[1].column, requestID: runs[1].request, text: "The fox slept."))
        let grid = s.grid
        let layout = CompareLayout(area: s.viewRect, state: s)
        for (i, expected) in ["r", "s"].enumerated() {
            let text = CompareLayout.parts(of: layout.columnFrames[i]!).text
            let marked = grid[text.x + 8, text.y]
            XCTAssertEqual(marked.text, expected)
            XCTAssertEqual(marked.style.role, .selection)
            XCTAssertEqual(grid[text.x + 7, text.y].style.role, .outputText)
            XCTAssertEqual(grid[text.x + 9, text.y].style.role, .outputText)
        }
        XCTAssertTrue(grid.text.contains("char 9"), grid.text)
        // Against the first column: the same here (two columns), and toggled by a key.
        s.press(.character("v"))
        XCTAssertTrue(s.divergenceAgainstFirst)
        XCTAssertEqual(s.divergence, [nil, 8], "the first column is the reference: no mark of its own")
        XCTAssertTrue(s.grid.text.contains("reference"), s.grid.text)
        XCTAssertNotNil(s.notice, "v says what it switched to")
    }

    /// The marks kept chunk by chunk equal the ones computed from the whole texts, even when a chunk boundary
    /// splits a grapheme (a combining accent arriving after its letter).
    func testIncrementalMarksEqualWholeTextMarks() {
        let finals = ["The cafe\u{301} was closed, so", "The caf\u{E9} was open and", "The cafe was", "The café was closed, so we"]
        var s = CompareState.sample(count: 4)
        let runs = s.runAll()
        var sent = Array(repeating: "", count: 4)
        var step = 0
        while sent != finals {
            for i in 0..<4 where sent[i].unicodeScalars.count < finals[i].unicodeScalars.count {
                // Chunks of 1 to 3 scalars, so accents land in separate chunks from their letters.
                let scalars = Array(finals[i].unicodeScalars)
                let from = sent[i].unicodeScalars.count
                let to = min(scalars.count, from + 1 + (step + i) % 3)
                var chunk = ""
                chunk.unicodeScalars.append(contentsOf: scalars[from..<to])
                sent[i] += chunk
                s.send(.chunk(columnID: runs[i].column, requestID: runs[i].request, text: chunk))
                // While a text's last grapheme may still grow the tracker holds back (nil); otherwise it agrees.
                let whole = FirstDivergence.marks(s.columns.map(\.text), pairwise: false)
                for (kept, computed) in zip(s.divergence, whole) where kept != nil {
                    XCTAssertEqual(kept, computed, "after step \(step)")
                }
            }
            step += 1
        }
        for run in runs {
            s.send(.finished(columnID: run.column, requestID: run.request, stats: CompletionStats()))
        }
        XCTAssertEqual(s.divergence, FirstDivergence.marks(finals, pairwise: false))
        XCTAssertEqual(s.divergence, [7, 7, 7, 7], "\"The caf\" is all they share: e is not é")
        s.send(.toggleDivergenceMode)
        XCTAssertEqual(s.divergence, FirstDivergence.marks(finals, pairwise: true))
        XCTAssertEqual(s.divergence, [nil, 13, 7, 23])
    }

    /// Issue #9.9: four columns that differ from their first character each get a mark at character 1.
    func testColumnsThatDifferFromTheFirstCharacterAreMarked() {
        var s = CompareState.sample(count: 4, columns: 120, rows: 40)
        let runs = s.runAll()
        for (run, text) in zip(runs, ["Alpha", "Beta", "Gamma", "Delta"]) {
            s.send(.chunk(columnID: run.column, requestID: run.request, text: text))
        }
        XCTAssertEqual(s.divergence, [0, 0, 0, 0])
        XCTAssertTrue(s.grid.text.contains("char 1"), s.grid.text)
        s.send(.toggleDivergenceMode)
        XCTAssertEqual(s.divergence, [nil, 0, 0, 0])
    }
}
