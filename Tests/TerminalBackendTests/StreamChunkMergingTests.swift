import SynthKit
import SynthUI
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

final class StreamChunkMergingTests: XCTestCase {
    func testAdjacentPiecesOfOneStreamBecomeOneEventAndEverythingElseKeepsItsPlace() {
        let events: [Event] = [
            .streamChunk(request: .playground(1), index: 0, text: "Once"),
            .streamChunk(request: .playground(1), index: 0, text: " upon"),
            .streamChunk(request: .playground(1), index: 0, text: " a 🙂"),
            .streamChunk(request: .playground(1), index: 1, text: "Other"),   // another completion of the same request
            .streamChunk(request: .playground(1), index: 1, text: " tab"),
            .streamChunk(request: .playground(7), index: 0, text: "column"),  // another request (a compare column)
            .key(KeyPress(.character("x"))),
            .streamChunk(request: .playground(1), index: 0, text: " time"),   // after a key: not merged across it
            .streamFinished(request: .playground(1), stats: CompletionStats(outputTokens: 4)),
        ]
        XCTAssertEqual(events.mergingStreamChunks(), [
            .streamChunk(request: .playground(1), index: 0, text: "Once upon a 🙂"),
            .streamChunk(request: .playground(1), index: 1, text: "Other tab"),
            .streamChunk(request: .playground(7), index: 0, text: "column"),
            .key(KeyPress(.character("x"))),
            .streamChunk(request: .playground(1), index: 0, text: " time"),
            .streamFinished(request: .playground(1), stats: CompletionStats(outputTokens: 4)),
        ])
    }

    /// Pieces with their tokens (the inspector's) merge too: the text joined, the tokens in order, and a piece
    /// without tokens (a stop string's cut) joins the text only.
    func testPiecesWithTokensMergeTextAndTokens() {
        func token(_ id: Int, _ text: String) -> TokenLogprob {
            TokenLogprob(id: id, text: text, bytes: Array(text.utf8), logprob: -1, modelLogprob: -1, topLogprobs: [])
        }
        let events: [Event] = [
            .streamTokens(request: .playground(2), index: 0, text: " Paris", tokens: [token(1, " Paris")]),
            .streamChunk(request: .playground(2), index: 0, text: ","),
            .streamTokens(request: .playground(2), index: 0, text: " France", tokens: [token(2, " France")]),
            .streamChunk(request: .playground(3), index: 0, text: "other"),
        ]
        XCTAssertEqual(events.mergingStreamChunks(), [
            .streamTokens(request: .playground(2), index: 0, text: " Paris, France",
                          tokens: [token(1, " Paris"), token(2, " France")]),
            .streamChunk(request: .playground(3), index: 0, text: "other"),
        ])
    }

    func testTenThousandPiecesMergeIntoTheWholeText() {
        let pieces = (0..<10_000).map { Event.streamChunk(request: .playground(3), index: 0, text: "w\($0) ") }
        let merged = pieces.mergingStreamChunks()
        XCTAssertEqual(merged.count, 1)
        XCTAssertEqual(merged, [.streamChunk(request: .playground(3), index: 0, text: (0..<10_000).map { "w\($0) " }.joined())])
        XCTAssertEqual([Event]().mergingStreamChunks(), [])
    }
}
