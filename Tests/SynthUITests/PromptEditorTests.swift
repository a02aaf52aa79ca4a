import XCTest
@testable import SynthUI

final class PromptEditorTests: XCTestCase {
    func testTypingAndBackspaceWorkOnWholeGraphemes() {
        var s = AppState.sample()
        s.type("a中🙂")
        s.send(.paste("e\u{301}"))
        XCTAssertEqual(s.editor.text, "a中🙂e\u{301}")
        s.press(.backspace)
        XCTAssertEqual(s.editor.text, "a中🙂", "one backspace removes e + combining accent")
        s.press(.backspace)
        XCTAssertEqual(s.editor.text, "a中", "the emoji goes as one")
        s.type("👨‍👩‍👧")
        s.press(.left)
        s.press(.left)
        s.type("x")
        XCTAssertEqual(s.editor.text, "ax中👨‍👩‍👧")
    }

    func testCombiningMarkTypedAloneJoinsPreviousGrapheme() {
        var s = AppState.sample()
        s.type("ae")
        s.send(.key(.char("\u{301}")))
        XCTAssertEqual(s.editor.text, "ae\u{301}")
        let area = s.layout.promptText
        XCTAssertEqual(render(s).cursor, CellPosition(x: area.x + 2, y: area.y), "the accent takes no cell")
        XCTAssertEqual(render(s)[area.x + 1, area.y].text, "e\u{301}")
        s.press(.left)
        XCTAssertEqual(s.editor.cursor, 1)
        s.press(.delete)
        XCTAssertEqual(s.editor.text, "a")
    }

    func testCursorColumnCountsWideCharactersAsTwoCells() {
        var s = AppState.sample()
        s.type("中文ab")
        let grid = render(s)
        let area = s.layout.promptText
        XCTAssertEqual(grid.cursor, CellPosition(x: area.x + 6, y: area.y))
        s.press(.left)
        s.press(.left)
        s.press(.left)
        XCTAssertEqual(render(s).cursor, CellPosition(x: area.x + 2, y: area.y))
        XCTAssertEqual(grid.text(ofRow: area.y).dropFirst().prefix(4), "中文ab")
    }

    func testWordMotion() {
        var s = AppState.sample(prompt: "hello, big world")
        s.press(.left, .control)
        XCTAssertEqual(s.editor.cursor, "hello, big ".utf8.count)
        s.press(.left, .control)
        XCTAssertEqual(s.editor.cursor, "hello, ".utf8.count)
        s.press(.left, .control)
        XCTAssertEqual(s.editor.cursor, 0)
        s.press(.right, .control)
        XCTAssertEqual(s.editor.cursor, "hello".utf8.count)
        s.press(.right, .alt)
        XCTAssertEqual(s.editor.cursor, "hello, big".utf8.count)
        s.ctrl("w")
        XCTAssertEqual(s.editor.text, "hello,  world")
    }

    func testSelectionCutPasteUndoRedo() {
        var s = AppState.sample(prompt: "one two three")
        s.press(.home)
        s.press(.right, [.shift, .control])
        XCTAssertEqual(s.editor.selectedText, "one")
        s.ctrl("x")
        XCTAssertEqual(s.editor.text, " two three")
        XCTAssertEqual(s.editor.clipboard, "one")
        s.press(.end)
        s.type(" ")
        s.ctrl("v")
        XCTAssertEqual(s.editor.text, " two three one")
        s.ctrl("z")
        XCTAssertEqual(s.editor.text, " two three ")
        s.ctrl("z")
        XCTAssertEqual(s.editor.text, " two three")
        s.ctrl("z")
        XCTAssertEqual(s.editor.text, "one two three")
        XCTAssertEqual(s.editor.selectedText, "one", "undo restores the selection that was cut")
        s.ctrl("y")
        XCTAssertEqual(s.editor.text, " two three")
        s.press(.character("z"), [.control, .shift])
        XCTAssertEqual(s.editor.text, " two three ")
        // Typing replaces a selection; shift+arrows select across wide characters.
        s.press(.home)
        s.send(.paste("中"))
        s.press(.left, .shift)
        XCTAssertEqual(s.editor.selectedText, "中")
        s.type("x")
        XCTAssertEqual(s.editor.text, "x two three ")
    }

    func testTypingUndoesAsOneStepPerWord() {
        var s = AppState.sample()
        s.type("hello world")
        s.ctrl("z")
        XCTAssertEqual(s.editor.text, "hello ")
        s.ctrl("z")
        XCTAssertEqual(s.editor.text, "")
    }

    func testCopyWithCtrlCKeepsPromptAndCtrlCCancelsRequest() {
        var s = AppState.sample(prompt: "keep me")
        s.ctrl("a")
        s.ctrl("c")
        XCTAssertEqual(s.editor.clipboard, "keep me")
        s.press(.function(5))
        XCTAssertTrue(s.phase.isInFlight)
        let effects = s.ctrl("c")
        XCTAssertEqual(effects.first, .cancelRequest(.playground(1)))
        XCTAssertFalse(s.phase.isInFlight)
        XCTAssertEqual(s.editor.text, "keep me")
        XCTAssertTrue(render(s).text.contains("cancelled · what arrived is kept"))
    }

    func testUpDownKeepColumnAcrossLines() {
        var s = AppState.sample(prompt: "abcdef\nxy\n123456")
        s.press(.up)
        s.press(.up)
        XCTAssertEqual(s.editor.cursor, 6, "end of first line, column 6")
        s.press(.down)
        XCTAssertEqual(s.editor.cursor, "abcdef\nxy".utf8.count, "clamped to the short line")
        s.press(.down)
        XCTAssertEqual(s.editor.cursor, "abcdef\nxy\n123456".utf8.count, "column 6 again")
    }

    func testMegabytePasteIsLinearAndScrollsToCursor() {
        var s = AppState.sample()
        let line = String(repeating: "word ", count: 15) + "中文🙂\n"
        let big = String(repeating: line, count: 1_048_576 / line.utf8.count)
        let started = Date()
        let effects = s.send(.paste(big))
        let grid = render(s)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(s.editor.text.utf8.count, big.utf8.count)
        XCTAssertLessThan(elapsed, 0.5, "a 1 MB paste must be handled well under a second")
        XCTAssertNotNil(grid.cursor, "cursor is visible at the end of the paste")
        XCTAssertTrue(effects.contains(.scheduleTick(after: PlaygroundState.tokenizeDelay)))
        // One undo removes the whole paste.
        s.ctrl("z")
        XCTAssertEqual(s.editor.text, "")
    }

    func testClickPlacesCursor() {
        var s = AppState.sample(prompt: "hello world")
        let area = s.layout.promptText
        s.focusPane(.output)
        s.send(.mouse(MouseEvent(.press, x: area.x + 3, y: area.y)))
        XCTAssertEqual(s.focus, .prompt)
        XCTAssertEqual(s.editor.cursor, 3)
    }

    func testWheelScrollsPromptWithoutMovingCursor() {
        var s = AppState.sample(prompt: (0..<30).map { "row \($0)" }.joined(separator: "\n"))
        let area = s.layout.promptText
        let cursor = s.editor.cursor
        XCTAssertTrue(render(s).text.contains("row 29"))
        for _ in 0..<10 { s.send(.mouse(MouseEvent(.wheelUp, x: area.x, y: area.y))) }
        XCTAssertTrue(render(s).text.contains("row 0 "))
        XCTAssertEqual(s.editor.cursor, cursor)
        XCTAssertNil(render(s).cursor, "the cursor is scrolled out of view")
        s.type("!")
        XCTAssertTrue(render(s).text.contains("row 29!"), "typing brings the cursor back into view")
    }

    func testLongPromptScrollsToKeepCursorVisible() {
        var s = AppState.sample()
        for i in 0..<40 { s.type("line \(i)"); s.press(.enter) }
        var grid = render(s)
        XCTAssertTrue(grid.text.contains("line 39"))
        XCTAssertFalse(grid.text.contains("line 0"))
        s.press(.home, .control)
        grid = render(s)
        XCTAssertTrue(grid.text.contains("line 0"))
        XCTAssertEqual(grid.cursor, CellPosition(x: s.layout.promptText.x, y: s.layout.promptText.y))
    }
}

final class PromptEditorPerformanceTests: XCTestCase {
    /// A megabyte without a single line break: the worst case for wrapping near the cursor.
    func testMegabyteSingleLinePaste() {
        var s = AppState.sample()
        let big = String(repeating: "lorem ipsum dolor sit amet ", count: 1_048_576 / 27)
        let started = Date()
        s.send(.paste(big))
        _ = render(s)
        s.type("x")
        _ = render(s)
        let elapsed = Date().timeIntervalSince(started)
        XCTAssertEqual(s.editor.text.utf8.count, big.utf8.count + 1)
        print("1 MB single-line paste + 2 frames + 1 key: \(elapsed) s")
        XCTAssertLessThan(elapsed, 0.6, "wrapping near the cursor must not cost O(line)")
    }

    /// Pieces of a long line tile it exactly, and moving through them reaches every row.
    func testLongLinePiecesTileTheText() {
        let line = String(repeating: "abc 中文 e\u{301} 🙂 ", count: 500)  // ~9 KB, no line break: three pieces
        let editor = PromptEditor(text: "start\n" + line + "\nend")
        var start: Int? = 0
        var joined = ""
        var pieces = 0
        while let s = start {
            let end = editor.pieceEnd(startingAt: s)
            XCTAssertLessThanOrEqual(end - s, PromptEditor.pieceLength + 8)
            joined += editor.text.slice(s, end)
            start = editor.nextPieceStart(after: s)
            if start != nil, start! > end { joined += "\n" }
            pieces += 1
        }
        XCTAssertEqual(joined, editor.text)
        XCTAssertGreaterThanOrEqual(pieces, 5)
        var s = AppState.sample(prompt: "start\n" + line + "\nend")
        s.press(.home, .control)
        var downs = 0
        while s.editor.cursor < s.editor.text.utf8.count, downs < 5000 { s.press(.pageDown); downs += 1 }
        XCTAssertEqual(s.editor.cursor, s.editor.text.utf8.count)
        while s.editor.cursor > 0, downs < 10000 { s.press(.pageUp); downs += 1 }
        XCTAssertEqual(s.editor.cursor, 0)
        XCTAssertEqual(s.editor.text, "start\n" + line + "\nend")
    }
}
