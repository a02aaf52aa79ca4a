import XCTest
import SynthKit
@testable import SynthUI

final class CompareScreenTests: XCTestCase {
    static let outputs = [
        "The old lighthouse keeper climbed the stairs one last time, counting each step as his father had taught him.",
        "The old lighthouse keeper climbed the stairs slowly.\nOutside, the storm was gathering over the bay.",
        "The old lighthouse stood empty, its lamp long dark, and nobody in the village remembered why.",
        "The old lighthouse keeper climbed the stairs one more time. 灯台の光 🌊 still turned.",
        "The old man by the sea had a secret.",
        "The old lighthouse keeper climbed the stairs one last time, and then he stopped.",
    ]

    /// A temperature sweep of `count` columns, each streamed, most finished, the third rate-limited.
    func sweptScreen(count: Int, columns: Int, rows: Int) -> CompareState {
        var s = CompareState.sample(count: 2, columns: columns, rows: rows,
                                    prompt: "Write the opening of a story.\nThe old lighthouse")
        s.send(.applySweep(ParameterSweep(spec: .temperature, from: 0.2, to: 1.2, count: count, seed: 42)))
        let runs = s.runAll()
        for (i, run) in runs.enumerated() {
            if i == 2 {
                s.send(.failed(columnID: run.column, requestID: run.request, message: "too many requests", status: 429))
                continue
            }
            s.send(.chunk(columnID: run.column, requestID: run.request, text: Self.outputs[i]))
            if i != 1 {
                s.send(.finished(columnID: run.column, requestID: run.request,
                                 stats: CompletionStats(inputTokens: 12, outputTokens: 20 + i, finishReason: "stop",
                                                        timeToFirstToken: 0.2 + Double(i) / 10, totalTime: 1.2 + Double(i) / 10)))
            }
        }
        return s
    }

    func testTwoFourSixColumnGoldens() {
        for count in [2, 4, 6] {
            for (w, h) in [(120, 40), (80, 24)] {
                let s = sweptScreen(count: count, columns: w, rows: h)
                GoldenFile.assertMatches(s.grid, named: "compare-\(count)col-\(w)x\(h)")
            }
        }
    }

    func testArrangementNeverMakesSlivers() {
        func arrangement(_ count: Int, _ w: Int, _ h: Int) -> CompareLayout.Arrangement {
            CompareLayout(area: Rect(x: 0, y: 0, width: w, height: h), count: count, focused: 0).arrangement
        }
        XCTAssertEqual(arrangement(2, 80, 24), .sideBySide)
        XCTAssertEqual(arrangement(4, 120, 40), .sideBySide)
        XCTAssertEqual(arrangement(6, 120, 40), .stacked)
        XCTAssertEqual(arrangement(4, 80, 24), .pager)
        XCTAssertEqual(arrangement(6, 80, 24), .pager)
        for count in 2...6 {
            for w in stride(from: 30, through: 200, by: 7) {
                for h in stride(from: 10, through: 60, by: 5) {
                    let layout = CompareLayout(area: Rect(x: 0, y: 0, width: w, height: h), count: count, focused: 0)
                    let frames = layout.columnFrames.compactMap { $0 }
                    XCTAssertFalse(frames.isEmpty)
                    for frame in frames where layout.arrangement == .sideBySide {
                        XCTAssertGreaterThanOrEqual(frame.width, CompareLayout.minimumColumnWidth, "\(count) at \(w)×\(h)")
                    }
                    for frame in frames where layout.arrangement == .stacked {
                        XCTAssertGreaterThanOrEqual(frame.height, CompareLayout.minimumStackedHeight)
                    }
                    XCTAssertTrue(frames.allSatisfy { $0.maxX <= w && $0.maxY <= h - 1 })
                }
            }
        }
    }

    func testPagerShowsTheFocusedColumnWithATabStrip() {
        var s = sweptScreen(count: 4, columns: 80, rows: 24)
        XCTAssertEqual(CompareLayout(area: s.viewRect, state: s).arrangement, .pager)
        var grid = s.grid
        XCTAssertTrue(grid.text(ofRow: 1).hasPrefix(" 1 t=0.2   2 t=0.533   ✗3 t=0.867   4 t=1.2 "), grid.text(ofRow: 1))
        XCTAssertEqual(grid[1, 1].style.role, .tabActive)
        XCTAssertFalse(grid.text.contains("slowly"), "column 2 is not shown while column 1 is")
        s.press(.right)
        grid = s.grid
        XCTAssertTrue(grid.text.contains("slowly"))
        // Wrapping follows the pager's full width.
        XCTAssertEqual(s.columns[0].output.wrapWidth, 78)
        // `t` forces the pager even where columns would fit side by side.
        var wide = sweptScreen(count: 2, columns: 120, rows: 40)
        wide.press(.character("t"))
        XCTAssertEqual(CompareLayout(area: wide.viewRect, state: wide).arrangement, .pager)
        XCTAssertEqual(wide.columns[0].output.wrapWidth, 118)
    }

    func testScrollingAColumnStopsFollowingUntilEnd() {
        var s = CompareState.sample(count: 2, columns: 80, rows: 24)
        let runs = s.runAll()
        for i in 0..<40 { s.send(.chunk(columnID: runs[0].column, requestID: runs[0].request, text: "line \(i)\n")) }
        XCTAssertTrue(s.grid.text.contains("line 39"))
        s.press(.pageUp)
        XCTAssertNotNil(s.columns[0].scroll)
        s.send(.chunk(columnID: runs[0].column, requestID: runs[0].request, text: "line 40\n"))
        XCTAssertFalse(s.grid.text.contains("line 40"))
        s.press(.end)
        XCTAssertTrue(s.grid.text.contains("line 40"))
    }
}
