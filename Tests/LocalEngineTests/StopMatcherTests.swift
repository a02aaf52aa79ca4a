import XCTest
@testable import LocalEngine

/// Stop strings across token boundaries, and streaming holdback.
final class StopMatcherTests: XCTestCase {
    /// Feeds chunks; returns the emitted chunks and whether it stopped.
    private func feed(_ stops: [String], _ chunks: [String]) -> (emitted: [String], stopped: Bool, tail: String) {
        var matcher = StopMatcher(stops: stops)
        var emitted: [String] = []
        for chunk in chunks {
            let (emit, stopped) = matcher.append(chunk)
            emitted.append(emit)
            if stopped { return (emitted, true, "") }
        }
        return (emitted, false, matcher.finish())
    }

    func testStopStringSplitAcrossTokens() {
        let result = feed(["\n\n", "END"], ["Hello", " wor", "ld\n", "\nmore"])
        XCTAssertTrue(result.stopped)
        XCTAssertEqual(result.emitted, ["Hello", " wor", "ld", ""])
        let spelled = feed(["END"], ["The", " E", "N", "D", " after"])
        XCTAssertTrue(spelled.stopped)
        XCTAssertEqual(spelled.emitted.joined(), "The ")
    }

    func testHoldsBackOnlyTheLongestPossibleStart() {
        var matcher = StopMatcher(stops: ["abcd", "xyz"])
        XCTAssertEqual(matcher.append("12ab").emit, "12")
        XCTAssertEqual(matcher.heldBackText, "ab")
        XCTAssertEqual(matcher.append("c").emit, "")
        XCTAssertEqual(matcher.append("!x").emit, "abc!", "the false start is released")
        XCTAssertEqual(matcher.heldBackText, "x")
        XCTAssertEqual(matcher.finish(), "x")
    }

    func testEarliestStopWinsAndTextExcludesIt() {
        let result = feed(["world", "lo"], ["Hello world"])
        XCTAssertTrue(result.stopped)
        XCTAssertEqual(result.emitted.joined(), "Hel")
        let overlapping = feed(["aab"], ["a", "a", "a", "b", "c"])
        XCTAssertTrue(overlapping.stopped)
        XCTAssertEqual(overlapping.emitted.joined(), "a")
    }

    func testWithoutStopsEverythingPassesThrough() {
        let result = feed([], ["a", "b\n", ""])
        XCTAssertFalse(result.stopped)
        XCTAssertEqual(result.emitted, ["a", "b\n", ""])
        let emptyStop = feed([""], ["abc"])
        XCTAssertEqual(emptyStop.emitted, ["abc"])
    }

    func testUnicodeStopStrings() {
        let result = feed(["東京", "🙂"], ["今日は東", "京へ"])
        XCTAssertTrue(result.stopped)
        XCTAssertEqual(result.emitted, ["今日は", ""])
        let emoji = feed(["🙂"], ["ok ", "🙂!"])
        XCTAssertEqual(emoji.emitted.joined(), "ok ")
    }

    func testNoMatchReleasesAllAtTheEnd() {
        let result = feed(["STOP"], ["ST", "S", "T"])
        XCTAssertFalse(result.stopped)
        XCTAssertEqual(result.emitted.joined() + result.tail, "STST")
        XCTAssertEqual(result.tail, "ST")
        var stopped = StopMatcher(stops: ["x"])
        XCTAssertTrue(stopped.append("axb").stopped)
        XCTAssertEqual(stopped.append("more").emit, "")
        XCTAssertEqual(stopped.finish(), "")
    }
}
