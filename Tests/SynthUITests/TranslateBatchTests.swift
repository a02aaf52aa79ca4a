import XCTest
import SynthKit
@testable import SynthUI

final class TranslateBatchTests: XCTestCase {
    func testOneHundredFiftyLinesMakeThreeBatchesAndMapBack() {
        let lines = (0..<150).map { "sentence \($0)" }
        let plan = TranslationBatches.plan(lines.joined(separator: "\n") + "\n", sourceLang: "en", targetLang: "de",
                                           numBeams: 2, splitSentences: false)
        XCTAssertEqual(plan.requests.map(\.text.count), [64, 64, 22])
        XCTAssertTrue(plan.requests.allSatisfy {
            $0.sourceLang == "en" && $0.targetLang == "de" && $0.numBeams == 2 && !$0.splitSentences
        })
        XCTAssertNoThrow(try plan.requests.forEach { try $0.validate() })
        XCTAssertEqual(plan.slots.count, 150, "the trailing newline adds no line")
        XCTAssertEqual(plan.slots[0], BatchSlot(batch: 0, index: 0))
        XCTAssertEqual(plan.slots[100], BatchSlot(batch: 1, index: 36))
        XCTAssertEqual(plan.slots[149], BatchSlot(batch: 2, index: 21))
        XCTAssertEqual(plan.requests[1].text[36], "sentence 100")
        // Answers come back out of order; each line finds its own translation.
        var answers: [Int: TranslateAnswer] = [:]
        for (b, request) in plan.requests.enumerated().reversed() {
            answers[b] = TranslateAnswer(translations: request.text.map { .init(text: "<\($0)>", detectedSourceLang: "en") })
        }
        let back = plan.translations(from: answers)
        XCTAssertEqual(back.map { $0?.text }, lines.map { "<\($0)>" })
    }

    func testBlankLinesSeparateParagraphsAndAreNotSent() {
        let plan = TranslationBatches.plan("Hello.\n\nHow are you?\n  \r\nFine.", sourceLang: "auto", targetLang: "fr",
                                           numBeams: 4, splitSentences: true)
        XCTAssertEqual(plan.requests.map(\.text), [["Hello.", "How are you?", "Fine."]])
        XCTAssertEqual(plan.slots, [BatchSlot(batch: 0, index: 0), nil, BatchSlot(batch: 0, index: 1), nil,
                                    BatchSlot(batch: 0, index: 2)])
        // A partial answer leaves the missing lines empty rather than shifting the others.
        let partial = plan.translations(from: [:])
        XCTAssertEqual(partial.count, 5)
        XCTAssertTrue(partial.allSatisfy { $0 == nil })
        XCTAssertTrue(TranslationBatches.plan("\n\n", sourceLang: "en", targetLang: "fr", numBeams: 1,
                                              splitSentences: true).requests.isEmpty)
    }

    func testPadSendsEveryBatchAndFillsLinesAsAnswersArrive() {
        let text = (0..<150).map { "line \($0)" }.joined(separator: "\n")
        var s = TranslatePadState.sample(text: text)
        let effects = s.send(.translate)
        let requests = TranslatePadState.translateRequests(effects)
        XCTAssertEqual(requests.map(\.request.text.count), [64, 64, 22])
        XCTAssertTrue(s.isTranslating)
        // The last batch answers first.
        let last = requests[2]
        s.send(.translated(requestID: last.id, answer: TranslateAnswer(
            translations: last.request.text.map { .init(text: "fr \($0)", detectedSourceLang: "en") },
            inputTokens: 100, outputTokens: 120)))
        XCTAssertNil(s.translations[0])
        XCTAssertEqual(s.translations[149]?.text, "fr line 149")
        XCTAssertEqual(s.usage.last?.label, "batch 3/3")
        XCTAssertEqual(s.usage.last?.credits ?? 0, 100 * 0.000_001 + 120 * 0.000_002, accuracy: 1e-12)
        let rest = s.answerAll(Array(effects.prefix(2)))
        XCTAssertEqual(rest, [.refreshCredits], "credits are refreshed when the last batch is in")
        XCTAssertFalse(s.isTranslating)
        XCTAssertEqual(s.translations[100]?.text, "fr:LINE 100")
        XCTAssertTrue(s.grid.text(ofRow: 39).contains("total in 740 out 1016"), s.grid.text(ofRow: 39))
    }

    func testAFailedBatchReportsAndAStaleAnswerIsIgnored() {
        var s = TranslatePadState.sample(text: "one\ntwo")
        let first = TranslatePadState.translateRequests(s.send(.translate))
        let second = TranslatePadState.translateRequests(s.send(.translate))
        s.send(.translated(requestID: first[0].id, answer: TranslateAnswer(translations: [
            .init(text: "old", detectedSourceLang: "en"), .init(text: "old", detectedSourceLang: "en")])))
        XCTAssertTrue(s.translations.allSatisfy { $0 == nil }, "an answer to a replaced request is dropped")
        s.send(.requestFailed(requestID: second[0].id, message: "slow down", status: 429))
        XCTAssertEqual(s.notice, Notice("429 rate limited: slow down", isError: true))
        XCTAssertTrue(s.grid.text.contains("429 rate limited: slow down"))
    }
}
