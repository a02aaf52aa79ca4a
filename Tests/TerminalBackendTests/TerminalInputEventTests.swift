import SynthUI
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

final class TerminalInputEventTests: XCTestCase {
    func testInputsBecomePlaygroundEvents() {
        let size = (rows: 30, columns: 100)
        XCTAssertEqual(TerminalInput.key(.ctrl("r")).event(screenSize: size), .key(.ctrl("r")))
        XCTAssertEqual(TerminalInput.paste("a\nb").event(screenSize: size), .paste("a\nb"))
        XCTAssertEqual(TerminalInput.resize.event(screenSize: size), .resize(columns: 100, rows: 30))
        XCTAssertEqual(TerminalInput.mouse(MouseReport(action: .press(button: 1), row: 3, column: 7)).event(screenSize: size),
                       .mouse(MouseEvent(.press, x: 7, y: 3)))
        XCTAssertEqual(TerminalInput.mouse(MouseReport(action: .drag, row: 4, column: 8)).event(screenSize: size),
                       .mouse(MouseEvent(.drag, x: 8, y: 4)))
        XCTAssertEqual(TerminalInput.mouse(MouseReport(action: .release(button: 1), row: 4, column: 9)).event(screenSize: size),
                       .mouse(MouseEvent(.release, x: 9, y: 4)))
        XCTAssertEqual(TerminalInput.mouse(MouseReport(action: .wheelDown, row: 0, column: 0)).event(screenSize: size),
                       .mouse(MouseEvent(.wheelDown, x: 0, y: 0)))
        XCTAssertNil(TerminalInput.mouse(MouseReport(action: .press(button: 3), row: 0, column: 0)).event(screenSize: size),
                     "the right button has no use in the playground")
    }

    func testUTF8DecoderCarriesSplitCharactersAndDropsGarbage() {
        var decoder = UTF8ScalarDecoder()
        var scalars: [UInt32] = []
        for byte in Array("é中🙂".utf8) {
            if let scalar = decoder.decode(byte) { scalars.append(scalar) }
        }
        XCTAssertEqual(scalars, [0xE9, 0x4E2D, 0x1F642])
        XCTAssertNil(decoder.decode(0xE4))
        XCTAssertTrue(decoder.hasPartialCharacter)
        XCTAssertEqual(decoder.decode(0x41), 0x41, "a cut-short character is dropped, the next byte kept")
        XCTAssertEqual(decoder.decode(0xFF), 0xFFFD)
    }
}
