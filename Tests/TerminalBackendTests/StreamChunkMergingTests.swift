import SynthUI
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

final class StreamChunkMergingTests: XCTestCase {
    func testAdjacentPiecesOfOneStreamBecomeOneEventAndEverythingElseKeepsItsPlace() {
        let events: [Event] = [
            .streamChunk(requestID: 1, index: 0, text: "Once"),
            .streamChunk(requestID: 1, index: 0, text: " upon"),
            .streamChunk(requestID: 1, index: 0, text: " a 🙂"),
            .streamChunk(requestID: 1, index: 1, text: "Other"),   // another completion of the same request
            .streamChunk(requestID: 1, index: 1, text: " tab"),
            .streamChunk(requestID: 7, index: 0, text: "column"),  // another request (a compare column)
            .key(KeyPress(.character("x"))),
            .streamChunk(requestID: 1, index: 0, text: " time"),   // after a key: not merged across it
            .streamFinished(requestID: 1, stats: CompletionStats(outputTokens: 4)),
        ]
        XCTAssertEqual(events.mergingStreamChunks(), [
            .streamChunk(requestID: 1, index: 0, text: "Once upon a 🙂"),
            .streamChunk(requestID: 1, index: 1, text: "Other tab"),
            .streamChunk(requestID: 7, index: 0, text: "column"),
            .key(KeyPress(.character("x"))),
            .streamChunk(requestID: 1, index: 0, text: " time"),
            .streamFinished(requestID: 1, stats: CompletionStats(outputTokens: 4)),
        ])
    }

    func testTenThousandPiecesMergeIntoTheWholeText() {
        let pieces = (0..<10_000).map { Event.streamChunk(requestID: 3, index: 0, text: "w\($0) ") }
        let merged = pieces.mergingStreamChunks()
        XCTAssertEqual(merged.count, 1)
        XCTAssertEqual(merged, [.streamChunk(requestID: 3, index: 0, text: (0..<10_000).map { "w\($0) " }.joined())])
        XCTAssertEqual([Event]().mergingStreamChunks(), [])
    }
}
