import XCTest
@testable import LocalEngine

/// Continuation scoring for the logprob endpoint, on synthetic logits.
final class GenerationLogProbabilityTests: XCTestCase {
    func testLogProbabilityIsTheLogSoftmax() {
        let logits: [Float] = [log(0.5), log(0.3), log(0.2)].map(Float.init)
        let shifted = logits.map { $0 + 100 }  // softmax ignores a constant shift
        for (token, probability) in [(0, 0.5), (1, 0.3), (2, 0.2)] {
            let value = shifted.withUnsafeBufferPointer { GenerationLogProbability.logProbability(of: Int32(token), in: $0) }
            XCTAssertEqual(value, log(probability), accuracy: 1e-5)
        }
        XCTAssertEqual(logits.withUnsafeBufferPointer { GenerationLogProbability.logProbability(of: 3, in: $0) },
                       -.infinity)
    }

    func testSumsTokensAndTellsWhetherGreedy() {
        let rows: [[Float]] = [[0, 2, 0], [1, 0, 0], [0, 0, 3]]
        let greedy = GenerationLogProbability(continuation: [1, 0, 2], logitRows: rows)
        XCTAssertTrue(greedy.isGreedy)
        XCTAssertEqual(greedy.tokenCount, 3)
        let expected = zip([Int32(1), 0, 2], rows).map { token, row in
            row.withUnsafeBufferPointer { GenerationLogProbability.logProbability(of: token, in: $0) }
        }.reduce(0, +)
        XCTAssertEqual(greedy.logprob, expected, accuracy: 1e-9)
        XCTAssertLessThan(greedy.logprob, 0)
        let notGreedy = GenerationLogProbability(continuation: [1, 1, 2], logitRows: rows)
        XCTAssertFalse(notGreedy.isGreedy)
        XCTAssertLessThan(notGreedy.logprob, greedy.logprob)
    }
}
