import Foundation
import XCTest
@testable import LocalEngine

/// The batched forward pass: prefill in one batch equals token-by-token decoding, sequences batched together equal
/// sequences run alone, and batches larger than one internal pass are split transparently.
final class ModelBatchTests: XCTestCase {
    static let prompt = [504, 3575, 282, 4649, 314, 7042, 30, 198, 504, 1450]
    // Same inputs, different batch shapes: 8-bit rounding is per row, so results agree up to float summation order.
    static let tolerance: Float = 2e-3

    func testPrefillInOneBatchEqualsFeedingTokensOneByOne() throws {
        let model = try ModelFixture.model()
        let batched = try model.forward([SequenceBatchEntry(cache: model.makeCache(), tokens: Self.prompt, allLogits: true)])[0]
        XCTAssertEqual(batched.count, Self.prompt.count)
        let cache = model.makeCache()
        for (i, token) in Self.prompt.enumerated() {
            let single = try model.forward(cache: cache, tokens: [token])
            XCTAssertLessThan(largestDifference(single, batched[i]), Self.tolerance, "position \(i)")
        }
        XCTAssertEqual(cache.count, Self.prompt.count)
    }

    func testSequencesDecodedTogetherEqualEachDecodedAlone() throws {
        let model = try ModelFixture.model()
        let promptA = Array(Self.prompt.prefix(5)), promptB = [6403, 1980, 253, 655]
        // Alone.
        let aloneA = model.makeCache(), aloneB = model.makeCache()
        var nextA = indexOfLargest(try model.forward(cache: aloneA, tokens: promptA))
        var nextB = indexOfLargest(try model.forward(cache: aloneB, tokens: promptB))
        var expected: [([Float], [Float])] = []
        for _ in 0..<4 {
            let a = try model.forward(cache: aloneA, tokens: [nextA]), b = try model.forward(cache: aloneB, tokens: [nextB])
            expected.append((a, b))
            nextA = indexOfLargest(a)
            nextB = indexOfLargest(b)
        }
        // Together: both prompts prefilled in one batch, then both decoded in one batch per step.
        let cacheA = model.makeCache(), cacheB = model.makeCache()
        let first = try model.forward([SequenceBatchEntry(cache: cacheA, tokens: promptA),
                                       SequenceBatchEntry(cache: cacheB, tokens: promptB)])
        nextA = indexOfLargest(first[0][0])
        nextB = indexOfLargest(first[1][0])
        for (step, (a, b)) in expected.enumerated() {
            let rows = try model.forward([SequenceBatchEntry(cache: cacheA, tokens: [nextA]),
                                          SequenceBatchEntry(cache: cacheB, tokens: [nextB])])
            XCTAssertLessThan(largestDifference(rows[0][0], a), Self.tolerance, "sequence A step \(step)")
            XCTAssertLessThan(largestDifference(rows[1][0], b), Self.tolerance, "sequence B step \(step)")
            nextA = indexOfLargest(rows[0][0])
            nextB = indexOfLargest(rows[1][0])
        }
        XCTAssertEqual(cacheA.count, promptA.count + 4)
        XCTAssertEqual(cacheB.count, promptB.count + 4)
    }

    func testBatchesLongerThanOnePassAreSplit() throws {
        let whole = try ModelFixture.model(maxBatchRows: 128)
        let small = try ModelFixture.model(maxBatchRows: 3)
        let a = try whole.forward([SequenceBatchEntry(cache: whole.makeCache(), tokens: Self.prompt, allLogits: true)])[0]
        let b = try small.forward([SequenceBatchEntry(cache: small.makeCache(), tokens: Self.prompt, allLogits: true)])[0]
        XCTAssertEqual(a.count, b.count)
        for i in a.indices { XCTAssertLessThan(largestDifference(a[i], b[i]), Self.tolerance, "position \(i)") }
    }

    func testResetAndTruncateReuseTheCache() throws {
        let model = try ModelFixture.model()
        let cache = model.makeCache()
        let first = try model.forward(cache: cache, tokens: Self.prompt)
        cache.reset()
        XCTAssertEqual(cache.count, 0)
        XCTAssertLessThan(largestDifference(try model.forward(cache: cache, tokens: Self.prompt), first), Self.tolerance)
        cache.truncate(to: 4)
        XCTAssertEqual(cache.count, 4)
        let resumed = try model.forward(cache: cache, tokens: Array(Self.prompt[4...]))
        XCTAssertLessThan(largestDifference(resumed, first), Self.tolerance)
    }

    func testACopiedPrefixContinuesLikeTheSequenceItCameFrom() throws {
        let model = try ModelFixture.model()
        let source = model.makeCache()
        let whole = try model.forward(cache: source, tokens: Self.prompt)
        let copy = model.makeCache()
        copy.copyPrefix(of: source, length: 6)
        XCTAssertEqual(copy.count, 6)
        XCTAssertEqual(source.count, Self.prompt.count, "the source is untouched")
        let continued = try model.forward(cache: copy, tokens: Array(Self.prompt[6...]))
        XCTAssertLessThan(largestDifference(continued, whole), Self.tolerance)
        // A different continuation of the copied beginning equals computing it from scratch.
        let other = Array(Self.prompt.prefix(6)) + [655, 253]
        let fresh = try model.forward(cache: model.makeCache(), tokens: other)
        copy.copyPrefix(of: source, length: 6)
        XCTAssertLessThan(largestDifference(try model.forward(cache: copy, tokens: [655, 253]), fresh), Self.tolerance)
    }

    func testInvalidBatchesThrowWithoutTouchingCaches() throws {
        let model = try ModelFixture.model()
        let cache = model.makeCache(capacity: 8)
        XCTAssertEqual(cache.capacity, 8)
        _ = try model.forward(cache: cache, tokens: [1, 2, 3])
        XCTAssertThrowsError(try model.forward(cache: cache, tokens: Array(repeating: 5, count: 6))) { error in
            XCTAssertEqual(error as? LlamaModelError, .contextFull(capacity: 8, used: 3, adding: 6))
        }
        XCTAssertThrowsError(try model.forward(cache: cache, tokens: [49152])) { error in
            XCTAssertEqual(error as? LlamaModelError, .tokenOutOfRange(49152, vocabSize: 49152))
        }
        XCTAssertThrowsError(try model.forward([SequenceBatchEntry(cache: cache, tokens: [1]),
                                                SequenceBatchEntry(cache: cache, tokens: [2])]))
        XCTAssertThrowsError(try model.forward([SequenceBatchEntry(cache: cache, tokens: [])]))
        XCTAssertEqual(cache.count, 3)
        XCTAssertEqual(model.config.contextLength, 512)
    }
}
