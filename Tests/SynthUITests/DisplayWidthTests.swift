import XCTest
@testable import SynthUI

final class DisplayWidthTests: XCTestCase {
    func testWidthsOfCommonGraphemes() {
        XCTAssertEqual(DisplayWidth.of(Character("a")), 1)
        XCTAssertEqual(DisplayWidth.of(Character("é")), 1)
        XCTAssertEqual(DisplayWidth.of(Character("e\u{301}")), 1, "combining mark rides on its base")
        XCTAssertEqual(DisplayWidth.of(Character("中")), 2)
        XCTAssertEqual(DisplayWidth.of(Character("한")), 2)
        XCTAssertEqual(DisplayWidth.of(Character("ｱ")), 1, "halfwidth katakana")
        XCTAssertEqual(DisplayWidth.of(Character("Ａ")), 2, "fullwidth latin")
        XCTAssertEqual(DisplayWidth.of(Character("🙂")), 2)
        XCTAssertEqual(DisplayWidth.of(Character("👍🏽")), 2, "emoji with skin tone")
        XCTAssertEqual(DisplayWidth.of(Character("👨‍👩‍👧")), 2, "ZWJ family")
        XCTAssertEqual(DisplayWidth.of(Character("🇫🇷")), 2, "flag")
        XCTAssertEqual(DisplayWidth.of(Character("❤️")), 2, "text symbol with emoji presentation selector")
        XCTAssertEqual(DisplayWidth.of(scalar: "\u{301}"), 0)
        XCTAssertEqual(DisplayWidth.of("日本語 ok"), 9)
    }

    func testGridKeepsWideCharactersWhole() {
        var grid = CellGrid(columns: 5, rows: 1)
        grid.write("a中b", x: 0, y: 0, style: .plain)
        XCTAssertEqual(grid[1, 0].text, "中")
        XCTAssertEqual(grid[1, 0].width, 2)
        XCTAssertTrue(grid[2, 0].isContinuation)
        XCTAssertEqual(grid.text(ofRow: 0), "a中b ")
        // Overwriting the second half of a wide character blanks its first half.
        grid.put("x", x: 2, y: 0, style: .plain)
        XCTAssertEqual(grid.text(ofRow: 0), "a xb ")
        // A wide character with one column left is replaced by padding.
        var narrow = CellGrid(columns: 3, rows: 1)
        narrow.write("ab中", x: 0, y: 0, style: .plain)
        XCTAssertEqual(narrow.text(ofRow: 0), "ab ")
    }

    func testLoneCombiningMarkAttachesToPreviousCell() {
        var grid = CellGrid(columns: 4, rows: 1)
        grid.put("e", x: 0, y: 0, style: .plain)
        XCTAssertEqual(grid.put("\u{301}", x: 1, y: 0, style: .plain), 0)
        XCTAssertEqual(grid[0, 0].text, "e\u{301}")
    }
}
