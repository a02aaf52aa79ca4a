// The pool of kept KV caches: longest shared prefix wins, limits are respected, the oldest goes first.

import LocalEngine
import XCTest
@testable import EngineServer

final class PromptCachePoolTests: XCTestCase {
    func testLongestSharedPrefixWinsAndIsCutBack() throws {
        let model = try SharedModel.model()
        var pool = PromptCachePool(capacity: 2)
        let short = model.model.makeCache(capacity: 64)
        _ = try model.model.forward(cache: short, tokens: [10, 11])
        let long = model.model.makeCache(capacity: 64)
        _ = try model.model.forward(cache: long, tokens: [10, 11, 12, 13])
        pool.put(short, holding: [10, 11])
        pool.put(long, holding: [10, 11, 12, 13])

        let taken = try XCTUnwrap(pool.take(sharing: [10, 11, 12, 99], limit: 3, minimumCapacity: 64))
        XCTAssertTrue(taken.cache === long)
        XCTAssertEqual(taken.reused, 3)
        XCTAssertEqual(taken.cache.count, 3)
        XCTAssertNil(pool.take(sharing: [10], limit: 1, minimumCapacity: 65), "too small a cache is not offered")
        XCTAssertNil(pool.take(sharing: [42, 10], limit: 2, minimumCapacity: 1), "nothing shared, nothing taken")

        pool.put(model.model.makeCache(capacity: 64), holding: [1])  // count 0 ≠ 1 token: refused
        XCTAssertEqual(PromptCachePool.commonPrefixLength([1, 2, 3], [1, 2, 4], limit: 10), 2)
        XCTAssertEqual(PromptCachePool.commonPrefixLength([1, 2, 3], [1, 2, 3], limit: 1), 1)
    }

    func testASequenceSharingNothingTakesTheOldestFittingCacheEmptied() throws {
        let model = try SharedModel.model()
        var pool = PromptCachePool(capacity: 3)
        let small = model.model.makeCache(capacity: 8)
        _ = try model.model.forward(cache: small, tokens: [1])
        let older = model.model.makeCache(capacity: 64)
        _ = try model.model.forward(cache: older, tokens: [10, 11])
        let newer = model.model.makeCache(capacity: 64)
        _ = try model.model.forward(cache: newer, tokens: [20])
        pool.put(small, holding: [1])
        pool.put(older, holding: [10, 11])
        pool.put(newer, holding: [20])

        let taken = try XCTUnwrap(pool.takeOldest(minimumCapacity: 64))
        XCTAssertTrue(taken === older, "the oldest that can hold the context, not the too-small one")
        XCTAssertEqual(taken.count, 0)
        XCTAssertTrue(try XCTUnwrap(pool.takeOldest(minimumCapacity: 64)) === newer)
        XCTAssertNil(pool.takeOldest(minimumCapacity: 64))
        XCTAssertTrue(try XCTUnwrap(pool.take(sharing: [1], limit: 1, minimumCapacity: 8)).cache === small)
    }
}
