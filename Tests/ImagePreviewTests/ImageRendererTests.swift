import Foundation
import ImagePreview
import TestPeer
import XCTest

final class ImageRendererTests: XCTestCase {
    private func gradient(width: Int = 64, height: Int = 64) throws -> DecodedImage {
        try JPEGDecoder.decode(TestJPEG.gradient(width: width, height: height))
    }

    func testSymbolsFitTheBoxWithTheAspectKept() throws {
        // A square picture in cells twice as tall as wide: half as many rows as columns.
        let square = try ImageRenderer.symbols(gradient(), columns: 40, rows: 40)
        XCTAssertEqual(square.columns, 40)
        XCTAssertEqual(square.rows, 20)
        XCTAssertEqual(square.cells.count, 20)
        XCTAssertTrue(square.cells.allSatisfy { $0.count == 40 })
        // Limited by the height instead.
        let short = try ImageRenderer.symbols(gradient(), columns: 40, rows: 5)
        XCTAssertEqual(short.rows, 5)
        XCTAssertEqual(short.columns, 10)
    }

    func testSymbolColoursFollowThePicture() throws {
        let picture = try ImageRenderer.symbols(gradient(), columns: 20, rows: 10)
        // Top-left quarter is blue; the right edge is red; the bottom edge is green.
        func mean(_ cell: SymbolCell) -> (Int, Int, Int) {
            ((Int(cell.foreground.red) + Int(cell.background.red)) / 2,
             (Int(cell.foreground.green) + Int(cell.background.green)) / 2,
             (Int(cell.foreground.blue) + Int(cell.background.blue)) / 2)
        }
        let topLeft = mean(picture.cells[1][1])
        XCTAssertGreaterThan(topLeft.2, 150, "\(topLeft)")
        let topRight = mean(picture.cells[0][19])
        XCTAssertGreaterThan(topRight.0, 200, "\(topRight)")
        XCTAssertLessThan(topRight.1, 60, "\(topRight)")
        let bottomLeft = mean(picture.cells[9][0])
        XCTAssertGreaterThan(bottomLeft.1, 200, "\(bottomLeft)")
    }

    func testEachModeWritesItsProtocol() throws {
        let image = try gradient()
        let kitty = ImageRenderer.escapes(image, columns: 10, rows: 5, mode: .kitty)
        XCTAssertTrue(kitty.hasPrefix("\u{1B}_G"), kitty.prefix(20).debugDescription)
        let iterm = ImageRenderer.escapes(image, columns: 10, rows: 5, mode: .iterm)
        XCTAssertTrue(iterm.hasPrefix("\u{1B}]1337;File="), iterm.prefix(20).debugDescription)
        let sixel = ImageRenderer.escapes(image, columns: 10, rows: 5, mode: .sixel)
        XCTAssertTrue(sixel.hasPrefix("\u{1B}P"), sixel.prefix(20).debugDescription)
        let symbols = ImageRenderer.escapes(image, columns: 10, rows: 5, mode: .symbols)
        XCTAssertTrue(symbols.contains("\u{1B}[38;2;"), "24-bit colours")
        XCTAssertEqual(symbols.split(separator: "\n").count, 5)
    }

    func testGraphicsDetectionFromTheEnvironment() {
        func detect(_ environment: [String: String]) -> GraphicsMode { GraphicsMode.detect(environment: environment) }
        XCTAssertEqual(detect(["TERM": "xterm-kitty", "KITTY_WINDOW_ID": "1"]), .kitty)
        XCTAssertEqual(detect(["TERM": "xterm-256color", "TERM_PROGRAM": "iTerm.app"]), .iterm)
        XCTAssertEqual(detect(["TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"]), .iterm)
        XCTAssertEqual(detect(["TERM": "foot"]), .sixel)
        XCTAssertEqual(detect(["TERM": "xterm-256color"]), .symbols)
        XCTAssertEqual(detect([:]), .symbols)
        // Inside tmux always symbols, whatever the outer terminal is.
        XCTAssertEqual(detect(["TERM": "tmux-256color", "KITTY_WINDOW_ID": "1"]), .symbols)
        XCTAssertEqual(detect(["TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"]), .symbols)
        XCTAssertEqual(detect(["TERM": "screen-256color", "TERM_PROGRAM": "iTerm.app"]), .symbols)
    }

    func testGraphicsChoiceParsesTheOverride() {
        XCTAssertEqual(GraphicsChoice("auto"), .auto)
        XCTAssertEqual(GraphicsChoice("sixel"), .fixed(.sixel))
        XCTAssertNil(GraphicsChoice("png"))
        XCTAssertEqual(GraphicsChoice("kitty")?.resolve(environment: ["TMUX": "x"]), .kitty)
        XCTAssertEqual(GraphicsChoice.auto.resolve(environment: ["TMUX": "x"]), .symbols)
    }
}
