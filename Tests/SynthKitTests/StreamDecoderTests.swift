import Foundation
@testable import SynthKit
@testable import SynthWire
import TestPeer
import XCTest

final class StreamDecoderTests: XCTestCase {
    /// Three objects with multi-byte characters (2-, 3- and 4-byte UTF-8), the last with reached_end.
    let body: [UInt8] = Array(#"{"text":"Héllo, ","reached_end":false}"#.utf8) + [10, 10]
        + Array(#"{"text":"世界 ","reached_end":false}"#.utf8) + [10, 10]
        + Array(#"{"text":"🙂!","reached_end":true,"input_tokens":3,"output_tokens":5}"#.utf8) + [10, 10]

    func decodeAll(_ chunks: [[UInt8]]) throws -> (answers: [CompletionAnswer], final: CompletionAnswer) {
        var decoder = StreamDecoder()
        var answers: [CompletionAnswer] = []
        for chunk in chunks { answers += try decoder.feed(chunk) }
        answers += try decoder.finish()
        return (answers, decoder.accumulatedAnswer)
    }

    func testWholeBody() throws {
        let (answers, final) = try decodeAll([body])
        XCTAssertEqual(answers.map(\.firstText), ["Héllo, ", "世界 ", "🙂!"])
        XCTAssertEqual(answers.map(\.reachedEnd), [false, false, true])
        XCTAssertEqual(final.text, ["Héllo, 世界 🙂!"])
        XCTAssertEqual(final.outputTokens, 5)
        XCTAssertTrue(final.reachedEnd)
    }

    func testEverySplitPositionGivesIdenticalAnswers() throws {
        let expected = try decodeAll([body]).answers
        for cut in 0...body.count {
            let (answers, _) = try decodeAll([Array(body[..<cut]), Array(body[cut...])])
            XCTAssertEqual(answers, expected, "split at \(cut)")
        }
        // Two cuts: every pair of positions, including inside the delimiter and inside each character.
        for first in stride(from: 0, through: body.count, by: 1) {
            for second in stride(from: first, through: body.count, by: 7) {
                let (answers, _) = try decodeAll([Array(body[..<first]), Array(body[first..<second]), Array(body[second...])])
                XCTAssertEqual(answers, expected, "split at \(first), \(second)")
            }
        }
    }

    func testOneBytePerChunk() throws {
        let (answers, final) = try decodeAll(body.map { [$0] })
        XCTAssertEqual(answers, try decodeAll([body]).answers)
        XCTAssertEqual(final.firstText, "Héllo, 世界 🙂!")
    }

    func testManyObjectsInOneChunkAreAllReturnedByThatFeed() throws {
        var decoder = StreamDecoder()
        XCTAssertEqual(try decoder.feed(body).count, 3)
        XCTAssertTrue(decoder.reachedEnd)
    }

    func testArraysForSeveralCompletions() throws {
        let stream = Array(#"{"text":["a","x"],"reached_end":false}"#.utf8) + [10, 10]
            + Array(#"{"text":["b","y"],"reached_end":true}"#.utf8) + [10, 10]
        let (answers, final) = try decodeAll([stream])
        XCTAssertEqual(answers.map(\.text), [["a", "x"], ["b", "y"]])
        XCTAssertEqual(final.text, ["ab", "xy"])
    }

    func testEndWithoutReachedEndCarriesPartialText() throws {
        let cut = Array(body.prefix(body.count - 30))
        var decoder = StreamDecoder()
        _ = try decoder.feed(cut)
        XCTAssertThrowsError(try decoder.finish()) { error in
            XCTAssertEqual((error as? APIError)?.partialText, ["Héllo, 世界 "])
        }
    }

    func testLastObjectWithoutDelimiterIsAccepted() throws {
        let (answers, final) = try decodeAll([Array(body.dropLast(2))])
        XCTAssertEqual(answers.count, 3)
        XCTAssertTrue(final.reachedEnd)
    }

    func testGarbageIsUndecodable() {
        var decoder = StreamDecoder()
        XCTAssertThrowsError(try decoder.feed(Array("<html>oops</html>\n\n".utf8))) { error in
            guard case .undecodableAnswer(let snippet, _) = error as? APIError else { return XCTFail("\(error)") }
            XCTAssertEqual(snippet, "oops")
        }
    }

    func testErrorObjectInsideStreamEndsItWithPartialText() throws {
        var decoder = StreamDecoder()
        _ = try decoder.feed(Array(#"{"text":"so far","reached_end":false}"#.utf8) + [10, 10])
        XCTAssertThrowsError(try decoder.feed(Array(#"{"error":"engine crashed","status":500}"#.utf8) + [10, 10])) { error in
            XCTAssertEqual(error as? APIError, .streamEndedEarly(partialText: ["so far"], reason: "engine crashed"))
        }
    }

    func testNoByteIsExaminedTwiceHoweverTheStreamIsCut() throws {
        // 20 000 small objects fed one byte at a time would be quadratic if bytes were re-scanned.
        let object = Array(#"{"text":"é","reached_end":false}"#.utf8) + [10, 10]
        var big: [UInt8] = []
        for _ in 0..<20_000 { big += object }
        big += Array(#"{"text":"","reached_end":true}"#.utf8) + [10, 10]
        var decoder = StreamDecoder()
        var count = 0
        var index = 0
        while index < big.count {
            count += try decoder.feed(big[index..<min(index + 3, big.count)]).count
            index += 3
        }
        XCTAssertEqual(count, 20_001)
        XCTAssertEqual(decoder.receivedText.first?.count, 20_000)
        // Linear: no position is checked twice however the bytes are cut (the speed itself is in StreamBench).
        XCTAssertLessThanOrEqual(decoder.examinedPositions, big.count)
        XCTAssertGreaterThan(decoder.examinedPositions, big.count / 2)
    }

    /// Through the real transport: one byte per network chunk gives the same events as one chunk.
    func testOneBytePerChunkOverHTTP() throws {
        let peer = try TestPeer()
        defer { peer.shutdown() }
        let client = makeClient(peer)
        func run(_ response: PeerResponse) -> [CompletionEvent] {
            peer.route("POST", "/v1/engines/gptj_6B/completions", response)
            let recorder = EventRecorder()
            client.streamCompletion(engine: "gptj_6B", request: CompletionRequest(prompt: "p"), onEvent: recorder.record)
            recorder.waitForEnd()
            return recorder.events
        }
        let whole = run(.chunks([body]))
        let bytewise = run(.split(body, every: 1))
        // The answers of one network read arrive as one `.chunk` (StreamSession joins them), so the whole body
        // gives at least one chunk and the end; how many depends on how the reads fall.
        XCTAssertGreaterThanOrEqual(whole.count, 2)
        XCTAssertEqual(whole.last, .finished(CompletionAnswer(text: ["Héllo, 世界 🙂!"], reachedEnd: true, inputTokens: 3, outputTokens: 5)))
        // Network chunking may merge bytes, so compare the text and the end, not the chunk count.
        func text(_ events: [CompletionEvent]) -> String {
            events.compactMap { if case .chunk(let a) = $0 { return a.firstText } else { return nil } }.joined()
        }
        XCTAssertEqual(text(whole), "Héllo, 世界 🙂!")
        XCTAssertEqual(text(bytewise), text(whole))
        XCTAssertEqual(bytewise.last, whole.last)
    }
}
