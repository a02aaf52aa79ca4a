import XCTest
import SynthKit
@testable import SynthUI

final class OutputTests: XCTestCase {
    func testWrappingBreaksAtSpacesAndInsideLongWords() {
        let text = "the quick brown fox jumps"
        let lines = LineWrapper.wrap(text, from: 0, width: 10).map { String(text.slice($0.start, $0.end)) }
        XCTAssertEqual(lines, ["the quick ", "brown fox ", "jumps"])
        let long = "abcdefghijklmnop"
        XCTAssertEqual(LineWrapper.wrap(long, from: 0, width: 6).map { String(long.slice($0.start, $0.end)) },
                       ["abcdef", "ghijkl", "mnop"])
        let wide = "中文中文中文"
        let wideLines = LineWrapper.wrap(wide, from: 0, width: 5)
        XCTAssertEqual(wideLines.map { String(wide.slice($0.start, $0.end)) }, ["中文", "中文", "中文"])
        XCTAssertEqual(wideLines.map(\.width), [4, 4, 4])
        let para = "a\n\nb"
        XCTAssertEqual(LineWrapper.wrap(para, from: 0, width: 5).map { String(para.slice($0.start, $0.end)) }, ["a", "", "b"])
    }

    func testIncrementalAppendEqualsWrappingFromScratch() {
        var doc = OutputDocument(promptTail: "Once upon a time", width: 13)
        let chunks = [" there", " was a", " 中文 princess", "\n\nwho", " lived in", "e", "\u{301}", "🙂 a castle wordwordwordwordword end"]
        for c in chunks { doc.append(c) }
        let fresh = LineWrapper.wrap(doc.text, from: 0, width: 13)
        XCTAssertEqual(doc.lines, fresh)
    }

    /// The cost of a chunk is counted in lines rewrapped: the same for 1 KB and for 1 MB of output.
    func testAppendCostIndependentOfOutputSize() {
        func rewrapCost(after existing: Int) -> Int {
            var doc = OutputDocument(promptTail: "", width: 60)
            let sentence = "The model keeps writing words into the stream. "
            let filler = String(repeating: sentence, count: existing / sentence.utf8.count)
            doc.append(filler)
            let before = doc.linesRewrapped
            for _ in 0..<100 { doc.append("more words ") }
            return doc.linesRewrapped - before
        }
        let small = rewrapCost(after: 1_000)
        let large = rewrapCost(after: 1_000_000)
        XCTAssertEqual(small, large)
        XCTAssertLessThan(large, 250, "100 chunks rewrap about one line each")
    }

    /// The same through `update`: stream events cost the same rewrapping after 1 KB as after 1 MB.
    func testStreamEventsCostIndependentOfOutputSize() {
        func cost(after existing: Int) -> Int {
            var s = AppState.sample(prompt: "Go")
            s.press(.function(5))
            let sentence = "A sentence of streamed output that goes on. "
            s.send(.streamChunk(request: .playground(1), index: 0, text: String(repeating: sentence, count: existing / sentence.utf8.count)))
            let before = s.outputs[0].linesRewrapped
            for _ in 0..<50 { s.send(.streamChunk(request: .playground(1), index: 0, text: "tok ")) }
            XCTAssertEqual(s.outputScroll, s.playground.outputEndScroll)
            return s.outputs[0].linesRewrapped - before
        }
        XCTAssertEqual(cost(after: 1_000), cost(after: 1_000_000))
    }

    func testStreamingFollowsEndUnlessScrolledUp() {
        var s = AppState.sample(prompt: "Tell me")
        s.press(.function(5))
        for i in 0..<60 { s.send(.streamChunk(request: .playground(1), index: 0, text: "line \(i)\n")) }
        XCTAssertTrue(render(s).text.contains("line 59"))
        XCTAssertEqual(s.outputScroll, s.playground.outputEndScroll)
        s.focusPane(.output)
        s.press(.pageUp)
        XCTAssertFalse(s.outputFollows)
        let scrolled = s.outputScroll
        s.send(.streamChunk(request: .playground(1), index: 0, text: "line 60\n"))
        XCTAssertEqual(s.outputScroll, scrolled, "reading stays put while text arrives")
        XCTAssertFalse(render(s).text.contains("line 60"))
        s.press(.end)
        XCTAssertTrue(s.outputFollows)
        s.send(.streamChunk(request: .playground(1), index: 0, text: "line 61\n"))
        XCTAssertTrue(render(s).text.contains("line 61"))
        // Wheel scrolling works the same way.
        let out = s.layout.outputText
        s.send(.mouse(MouseEvent(.wheelUp, x: out.x, y: out.y)))
        XCTAssertFalse(s.outputFollows)
    }

    func testPromptTailIsEchoedDimBeforeOutput() {
        var s = AppState.sample(prompt: "First line\nOnce upon a time")
        s.press(.function(5))
        s.send(.streamChunk(request: .playground(1), index: 0, text: " there was"))
        let grid = render(s)
        let area = s.layout.outputText
        XCTAssertEqual(grid.text(ofRow: area.y).dropFirst().prefix(26), "Once upon a time there was")
        XCTAssertEqual(grid[area.x, area.y].style.role, .promptEcho)
        XCTAssertEqual(grid[area.x + 17, area.y].style.role, .outputText)
        XCTAssertEqual(s.currentOutput?.completion, " there was")
    }

    func testSeveralAnswersAreTabs() {
        var s = AppState.sample(prompt: "Hi")
        s.focusPane(.parameters)
        s.parameterCursor = 8  // n
        s.press(.right)
        s.press(.right)
        XCTAssertEqual(s.parameters.sampling.n, 3)
        s.press(.function(5))
        XCTAssertEqual(s.outputs.count, 3)
        s.send(.streamChunk(request: .playground(1), index: 0, text: " zero"))
        s.send(.streamChunk(request: .playground(1), index: 1, text: " one"))
        s.send(.streamChunk(request: .playground(1), index: 2, text: " two"))
        XCTAssertTrue(render(s).text.contains("Hi zero"))
        s.focusPane(.output)
        s.press(.right)
        XCTAssertTrue(render(s).text.contains("Hi one"))
        s.press(.character("3"))
        XCTAssertTrue(render(s).text.contains("Hi two"))
        // Clicking a tab selects it.
        let first = OutputView.tabSpans(s.playground)[0]
        s.send(.mouse(MouseEvent(.press, x: first.x.lowerBound, y: s.layout.output.y)))
        XCTAssertEqual(s.outputTab, 0)
        let grid = render(s)
        XCTAssertEqual(grid[first.x.lowerBound + 1, s.layout.output.y].style.role, .tabActive)
        // Appending puts this answer after the prompt.
        s.press(.character("a"))
        XCTAssertEqual(s.editor.text, "Hi zero")
    }

    func testStatsLineAndCredits() {
        var s = AppState.sample(prompt: "Hi")
        s.send(.creditsRefreshed(10))
        s.press(.function(5))
        s.send(.streamChunk(request: .playground(1), index: 0, text: " there"))
        let effects = s.send(.streamFinished(request: .playground(1), stats: CompletionStats(
            inputTokens: 1, outputTokens: 20, truncatedPrompt: true, finishReason: "length",
            timeToFirstToken: 0.5, totalTime: 2.5)))
        XCTAssertTrue(effects.contains(.refreshCredits))
        s.send(.creditsRefreshed(9.75))
        s.send(.resize(columns: 120, rows: 40))
        let text = render(s).text
        XCTAssertTrue(text.contains("ttft 0.50s · 10.0 tok/s · in 1 out 20 · length"), text)
        XCTAssertTrue(text.contains("⚠ prompt truncated"))
        XCTAssertTrue(text.contains("credits 9.75 (-0.25)"))
        XCTAssertTrue(text.contains("idle"))
    }

    func testErrorIsShownAndStaleEventsIgnored() {
        var s = AppState.sample(prompt: "Hi")
        s.press(.function(5))
        s.send(.requestFailed(request: .playground(1), message: "invalid API key", status: 401))
        var text = render(s).text
        XCTAssertTrue(text.contains("✗ error 401: invalid API key"))
        XCTAssertTrue(text.contains("error 401"))
        XCTAssertEqual(render(s)[s.layout.outputStatsLine.x, s.layout.outputStatsLine.y].style.role, .error)
        // A new run, then a late chunk of the old request: ignored.
        s.press(.function(5))
        s.send(.streamChunk(request: .playground(1), index: 0, text: "LATE"))
        s.send(.streamChunk(request: .playground(2), index: 0, text: " fresh"))
        text = render(s).text
        XCTAssertFalse(text.contains("LATE"))
        XCTAssertTrue(text.contains("Hi fresh"))
    }

    func testResizeMidStreamLosesNothing() {
        var s = AppState.sample(prompt: "P")
        s.press(.function(5))
        let words = (0..<200).map { "w\($0)" }
        for w in words.prefix(100) { s.send(.streamChunk(request: .playground(1), index: 0, text: " " + w)) }
        s.send(.resize(columns: 30, rows: 10))
        XCTAssertTrue(render(s).text.contains("terminal too small"))
        for w in words.dropFirst(100).prefix(50) { s.send(.streamChunk(request: .playground(1), index: 0, text: " " + w)) }
        s.send(.resize(columns: 120, rows: 40))
        for w in words.dropFirst(150) { s.send(.streamChunk(request: .playground(1), index: 0, text: " " + w)) }
        XCTAssertEqual(s.currentOutput?.completion, words.map { " " + $0 }.joined())
        XCTAssertEqual(s.currentOutput?.lines, LineWrapper.wrap(s.currentOutput!.text, from: 0, width: s.layout.outputTextWidth))
        XCTAssertTrue(render(s).text.contains("w199"))
    }
}
