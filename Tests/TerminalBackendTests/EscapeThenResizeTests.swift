// Issue #9.13: F1, Esc, a resize, then Tab — the Tab only closed help, because the Escape had vanished into the
// resize (ESC followed by KEY_RESIZE was read as "Alt" plus a resize).
@preconcurrency import CNCurses
import SynthKit
import SynthUI
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

final class EscapeThenResizeTests: XCTestCase {
    func testEscapeBeforeAResizeIsStillTheEscapeKey() {
        var decoder = KeyDecoder()
        let out = decoder.decode([.scalar(0x1B), .keyCode(KEY_RESIZE), .scalar(0x09)])
        XCTAssertEqual(out, [.key(KeyPress(.escape)), .resize, .key(KeyPress(.tab))])
    }

    func testHelpEscapeResizeTabMovesFocus() {
        var state = AppState(columns: 100, rows: 30, backendName: "textsynth", engines: EngineChoice.textSynthEngines)
        var decoder = KeyDecoder()
        let inputs = decoder.decode([.keyCode(KEY_F0 + 1), .scalar(0x1B), .keyCode(KEY_RESIZE), .scalar(0x09)])
        for input in inputs {
            if let event = input.event(screenSize: (rows: 40, columns: 120)) { _ = update(state: &state, event: event) }
        }
        XCTAssertFalse(state.showHelp)
        XCTAssertEqual(state.playground.focus, .parameters, "Tab after the resize moves focus")
    }
}
