import Foundation
@testable import SynthKit
@testable import SynthWire
import XCTest

/// A stream session hands on what one network read decoded as one chunk, not one event per token.
final class StreamSessionTests: XCTestCase {
    private func object(_ json: String) -> [UInt8] { Array(json.utf8) + [10, 10] }

    func testAnswersOfOneReadBecomeOneChunkAndTheEndKeepsTheWholeText() {
        let recorder = EventRecorder()
        let session = StreamSession(decoder: StreamDecoder(), onEvent: recorder.record)
        let firstRead = object(#"{"text":"Once","reached_end":false}"#) + object(#"{"text":" upon","reached_end":false}"#)
            + object(#"{"text":" a","reached_end":false}"#) + Array(#"{"text":" ti"#.utf8)
        XCTAssertNil(session.receive(Data(firstRead)))
        XCTAssertEqual(recorder.events, [.chunk(CompletionAnswer(text: ["Once upon a"], reachedEnd: false))])

        let secondRead = Array(#"me","reached_end":false}"#.utf8) + [10, 10]
            + object(#"{"text":"!","reached_end":true,"input_tokens":1,"output_tokens":5,"finish_reason":"length"}"#)
        XCTAssertNil(session.receive(Data(secondRead)))
        session.complete(.success(HTTPResponse(status: 200, headers: [:], body: Data())))
        XCTAssertEqual(recorder.events.count, 3)
        XCTAssertEqual(recorder.events[1], .chunk(CompletionAnswer(text: [" time!"], reachedEnd: true, inputTokens: 1,
                                                                   outputTokens: 5, finishReason: "length")))
        guard case .finished(let whole) = recorder.events[2] else { return XCTFail("\(recorder.events)") }
        XCTAssertEqual(whole.text, ["Once upon a time!"])
        XCTAssertEqual(whole.outputTokens, 5)
    }

    func testJoiningKeepsEachCompletionApartAndTheLatestCounts() {
        let joined = StreamSession<StreamDecoder>.joined([
            CompletionAnswer(text: ["a", "x"], reachedEnd: false),
            CompletionAnswer(text: ["b", "y"], reachedEnd: false, truncatedPrompt: true),
            CompletionAnswer(text: ["c", "z"], reachedEnd: true, inputTokens: 2, outputTokens: 6, finishReason: "stop"),
        ])
        XCTAssertEqual(joined, CompletionAnswer(text: ["abc", "xyz"], reachedEnd: true, truncatedPrompt: true,
                                                inputTokens: 2, outputTokens: 6, finishReason: "stop"))
        XCTAssertNil(StreamSession<StreamDecoder>.joined([]))
        let one = CompletionAnswer(text: ["only"], reachedEnd: false)
        XCTAssertEqual(StreamSession<StreamDecoder>.joined([one]), one)
    }
}
