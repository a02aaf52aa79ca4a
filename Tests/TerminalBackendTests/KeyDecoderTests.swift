@preconcurrency import CNCurses
import SynthUI
import XCTest
@testable import TerminalBackend
@testable import SynthRuntime

/// Keystrokes as get_wch would return them for raw text.
private func raw(_ text: String) -> [Keystroke] { text.unicodeScalars.map { .scalar($0.value) } }
private func key(_ key: Key, _ modifiers: KeyModifiers = []) -> TerminalInput { .key(KeyPress(key, modifiers)) }
private func char(_ scalar: Unicode.Scalar, _ modifiers: KeyModifiers = []) -> TerminalInput {
    .key(KeyPress(.character(Character(scalar)), modifiers))
}
private let esc = "\u{1B}"

final class KeyDecoderTests: XCTestCase {
    private func decode(_ keystrokes: [Keystroke], flush: Bool = true) -> [TerminalInput] {
        var decoder = KeyDecoder()
        var out = decoder.decode(keystrokes)
        if flush { decoder.flush(into: &out) }
        return out
    }

    func testPrintableUnicodeScalars() {
        XCTAssertEqual(decode(raw("aZ é中🙂")),
                       [char("a"), char("Z"), char(" "), char("é"), char("中"), char("🙂")])
    }

    func testControlCharacters() {
        XCTAssertEqual(decode([.scalar(1), .scalar(23), .scalar(0), .scalar(0x1F)]),
                       [char("a", .control), char("w", .control), char(" ", .control), char("_", .control)])
        XCTAssertEqual(decode([.scalar(9), .scalar(13), .scalar(10), .scalar(127), .scalar(8)]),
                       [key(.tab), key(.enter), key(.enter), key(.backspace), key(.backspace)])
        XCTAssertEqual(decode([.scalar(0x85)]), [], "C1 controls are never text")
    }

    func testStandardCursesKeyCodes() {
        let codes: [(Int32, TerminalInput)] = [
            (KEY_UP, key(.up)), (KEY_DOWN, key(.down)), (KEY_LEFT, key(.left)), (KEY_RIGHT, key(.right)),
            (KEY_HOME, key(.home)), (KEY_END, key(.end)), (KEY_PPAGE, key(.pageUp)), (KEY_NPAGE, key(.pageDown)),
            (KEY_DC, key(.delete)), (KEY_IC, key(.insert)), (KEY_BACKSPACE, key(.backspace)), (KEY_ENTER, key(.enter)),
            (KEY_BTAB, key(.tab, .shift)), (KEY_SLEFT, key(.left, .shift)), (KEY_SRIGHT, key(.right, .shift)),
            (KEY_SR, key(.up, .shift)), (KEY_SF, key(.down, .shift)),
            (KEY_F0 + 1, key(.function(1))), (KEY_F0 + 12, key(.function(12))),
            (KEY_F0 + 13, key(.function(1), .shift)), (KEY_F0 + 29, key(.function(5), .control)),
            (KEY_RESIZE, .resize),
        ]
        for (code, expected) in codes {
            XCTAssertEqual(decode([.keyCode(code)]), [expected], "key code \(code)")
        }
    }

    func testExtendedKeyNamesFromTerminfo() {
        let table = KeyCodeTable.standard.addingExtendedNames { name in
            ["kUP5": 600, "kLFT3": 601, "kRIT6": 602, "kDN": 603][name]
        }
        var decoder = KeyDecoder(keyCodes: table)
        XCTAssertEqual(decoder.decode([.keyCode(600), .keyCode(601), .keyCode(602), .keyCode(603)]), [
            key(.up, .control), key(.left, .alt), key(.right, [.control, .shift]), key(.down, .shift),
        ])
    }

    func testLoneEscapeWaitsThenCountsAsEscapeKey() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.decode(raw(esc)), [])
        XCTAssertTrue(decoder.isWaitingForMoreInput)
        XCTAssertEqual(decoder.pendingTimeoutMilliseconds, 25)
        var out: [TerminalInput] = []
        decoder.flush(into: &out)
        XCTAssertEqual(out, [key(.escape)])
        XCTAssertFalse(decoder.isWaitingForMoreInput)
        XCTAssertNil(decoder.pendingTimeoutMilliseconds)
    }

    func testAltChords() {
        XCTAssertEqual(decode(raw(esc + "x" + esc + "é")), [char("x", .alt), char("é", .alt)])
        XCTAssertEqual(decode(raw(esc) + [.scalar(1)]), [char("a", [.alt, .control])])
        XCTAssertEqual(decode(raw(esc) + [.keyCode(KEY_UP)]), [key(.up, .alt)])
        XCTAssertEqual(decode(raw(esc) + [.scalar(127)]), [key(.backspace, .alt)])
        XCTAssertEqual(decode(raw(esc + esc)), [key(.escape), key(.escape)])
        XCTAssertEqual(decode(raw(esc + "[")), [char("[", .alt)], "Alt-[ is a CSI introducer that never continued")
    }

    func testRawCSIAndSS3Sequences() {
        let cases: [(String, TerminalInput)] = [
            ("[A", key(.up)), ("[B", key(.down)), ("[C", key(.right)), ("[D", key(.left)),
            ("[H", key(.home)), ("[F", key(.end)), ("[1;5C", key(.right, .control)), ("[1;2D", key(.left, .shift)),
            ("[1;3A", key(.up, .alt)), ("[1;6B", key(.down, [.control, .shift])), ("[Z", key(.tab, .shift)),
            ("[3~", key(.delete)), ("[2~", key(.insert)), ("[5~", key(.pageUp)), ("[6~", key(.pageDown)),
            ("[1~", key(.home)), ("[4~", key(.end)), ("[5;5~", key(.pageUp, .control)), ("[3;2~", key(.delete, .shift)),
            ("[11~", key(.function(1))), ("[15~", key(.function(5))), ("[17~", key(.function(6))),
            ("[21~", key(.function(10))), ("[24~", key(.function(12))), ("[1;2P", key(.function(1), .shift)),
            ("OP", key(.function(1))), ("OS", key(.function(4))), ("OA", key(.up)), ("OH", key(.home)),
            ("OM", key(.enter)),
        ]
        for (sequence, expected) in cases {
            XCTAssertEqual(decode(raw(esc + sequence)), [expected], "ESC \(sequence)")
        }
        XCTAssertEqual(decode(raw(esc + "[99~x")), [char("x")], "unknown sequences are dropped whole")
    }

    func testMalformedSequenceFallsBackToTypedKeys() {
        XCTAssertEqual(decode(raw(esc + "[1é")), [char("[", .alt), char("1"), char("é")])
    }

    func testSGRMouseReports() {
        XCTAssertEqual(decode(raw(esc + "[<0;10;5M")),
                       [.mouse(MouseReport(action: .press(button: 1), row: 4, column: 9))])
        XCTAssertEqual(decode(raw(esc + "[<2;1;1m")),
                       [.mouse(MouseReport(action: .release(button: 3), row: 0, column: 0))])
        XCTAssertEqual(decode(raw(esc + "[<64;3;4M")), [.mouse(MouseReport(action: .wheelUp, row: 3, column: 2))])
        XCTAssertEqual(decode(raw(esc + "[<65;3;4M")), [.mouse(MouseReport(action: .wheelDown, row: 3, column: 2))])
        XCTAssertEqual(decode(raw(esc + "[<32;7;8M")), [.mouse(MouseReport(action: .drag, row: 7, column: 6))])
        XCTAssertEqual(decode(raw(esc + "[<16;2;2M")),
                       [.mouse(MouseReport(action: .press(button: 1), row: 1, column: 1, modifiers: .control))])
        let report = MouseReport(action: .wheelDown, row: 1, column: 2)
        XCTAssertEqual(decode([.mouse(report)]), [.mouse(report)], "curses' own mouse reports pass through")
    }

    func testBracketedPasteIsOneEventWithNormalisedLineEnds() {
        let input = "a" + esc + "[200~hello\r\nworld\rthird\n\tend" + esc + "[201~b"
        XCTAssertEqual(decode(raw(input)), [char("a"), .paste("hello\nworld\nthird\n\tend"), char("b")])
    }

    func testPasteKeepsTextThatMerelyResemblesTheEndMarker() {
        let input = esc + "[200~x" + esc + "[20y" + esc + "[201z" + esc + esc + "[201~"
        // The escapes themselves are dropped (a paste cannot carry control characters), the rest is kept.
        XCTAssertEqual(decode(raw(input)), [.paste("x[20y[201z")])
    }

    func testPasteDropsControlCharactersAndKeepsUnicode() {
        let input = esc + "[200~é\u{7}中\u{0}🙂" + esc + "[201~"
        XCTAssertEqual(decode(raw(input)), [.paste("é中🙂")])
    }

    func testSequencesSplitAcrossReadsDecodeTheSame() {
        let input = "q" + esc + "[1;5A" + esc + "[200~pasted\r\ntext" + esc + "[201~" + esc + "x" + esc + "[<0;2;3M"
        let whole = decode(raw(input))
        var decoder = KeyDecoder()
        var pieces: [TerminalInput] = []
        // One keystroke per read: the decoder must carry its state between calls without flushing.
        for keystroke in raw(input) { pieces += decoder.decode([keystroke]) }
        XCTAssertEqual(pieces, whole)
        XCTAssertEqual(whole, [
            char("q"), key(.up, .control), .paste("pasted\ntext"), char("x", .alt),
            .mouse(MouseReport(action: .press(button: 1), row: 2, column: 1)),
        ])
    }

    func testPasteWaitsLongerAndAnUnterminatedPasteIsDeliveredOnFlush() {
        var decoder = KeyDecoder()
        XCTAssertEqual(decoder.decode(raw(esc + "[200~partial" + esc + "[20")), [])
        XCTAssertTrue(decoder.isInsidePaste)
        XCTAssertEqual(decoder.pendingTimeoutMilliseconds, KeyDecoder.pasteTimeoutMilliseconds)
        var out: [TerminalInput] = []
        decoder.flush(into: &out)
        XCTAssertEqual(out, [.paste("partial[20")])
        XCTAssertFalse(decoder.isInsidePaste)
    }

    func testOneMegabytePasteDecodesAsOnePaste() {
        let line = "The quick brown fox jumps over the lazy dog — été 中文 🙂\r\n"
        var body = ""
        while body.utf8.count < 1_048_576 { body += line }
        let keystrokes = raw(esc + "[200~" + body + esc + "[201~")
        var decoder = KeyDecoder()
        var out: [TerminalInput] = []
        for keystroke in keystrokes { decoder.feed(keystroke, into: &out) }
        XCTAssertEqual(out.count, 1)
        guard case .paste(let text) = out.first else { return XCTFail("expected one paste, got \(out.count) events") }
        XCTAssertEqual(text, body.replacingOccurrences(of: "\r\n", with: "\n"))
        XCTAssertFalse(decoder.isInsidePaste)
        // Its speed (a quadratic decoder would take minutes) is measured by UIBench's paste figure, not asserted here.
    }
}
