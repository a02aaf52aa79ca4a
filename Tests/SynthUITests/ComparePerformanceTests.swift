import XCTest
import SynthKit
@testable import SynthUI

final class ComparePerformanceTests: XCTestCase {
    /// Six long outputs that agree for 50 KB: a frame (divergence included) must stay far below the 16 ms budget's
    /// order of magnitude even in a debug build, and a chunk must not cost in proportion to the text already there.
    func testLongSharedOutputsStayCheapPerFrameAndPerChunk() {
        var s = CompareState.sample(count: 6, columns: 200, rows: 50)
        let runs = s.runAll()
        let shared = String(repeating: "the same words again ", count: 2_500)
        for (i, run) in runs.enumerated() {
            s.send(.chunk(columnID: run.column, requestID: run.request, text: shared + "column \(i) goes its own way"))
        }
        XCTAssertEqual(s.divergence, Array(repeating: shared.count + 7, count: 6))
        let start = Date()
        var grid = CellGrid(columns: 200, rows: 50)
        for _ in 0..<10 { renderCompare(s, in: s.viewRect, into: &grid) }
        let perFrame = Date().timeIntervalSince(start) / 10
        XCTAssertLessThan(perFrame, 0.25, "one frame took \(perFrame * 1000) ms")
        print("compare frame with 6 × 52 KB outputs: \(String(format: "%.1f", perFrame * 1000)) ms")
        let before = s.columns[0].output.linesRewrapped
        s.send(.chunk(columnID: runs[0].column, requestID: runs[0].request, text: " more"))
        XCTAssertLessThanOrEqual(s.columns[0].output.linesRewrapped - before, 2, "a chunk rewraps only the last line")
    }
}
