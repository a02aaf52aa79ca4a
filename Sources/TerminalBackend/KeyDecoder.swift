@preconcurrency import CNCurses
import SynthUI

/// Turns what `get_wch` returns, one keystroke at a time, into key presses, pastes and mouse reports.
///
/// Curses already decodes the sequences its terminfo entry knows (arrows, F-keys, `kUP5`, mouse); what it
/// passes through raw is decoded here: Alt chords (ESC + key), bracketed paste (ESC [ 200 ~ … ESC [ 201 ~),
/// and CSI/SS3 sequences the entry lacks. Pure: no curses calls, so every sequence can be unit-tested, and a
/// sequence split across reads decodes the same as a whole one.
///
/// When input goes quiet while a sequence is unfinished, the caller waits `escapeTimeout` (or
/// `pasteTimeout` inside a paste) and then calls `flush`, which settles it (a lone ESC is the Escape key).
public struct KeyDecoder: Sendable {
    /// How long a lone ESC waits for the rest of a sequence before it counts as the Escape key.
    public static let escapeTimeoutMilliseconds: Int32 = 25
    /// How long an unterminated paste may stall before what arrived is delivered anyway.
    public static let pasteTimeoutMilliseconds: Int32 = 1000

    private enum State: Sendable {
        case ground
        /// Saw ESC; the next keystroke decides between Escape, an Alt chord and a sequence.
        case escape
        /// Inside `ESC [` or `ESC O`, collecting parameter bytes until the final byte.
        case sequence(introducer: UInt8, parameters: [UInt8])
        case paste
    }

    private static let pasteEndMarker: [UInt32] = [0x1B, 0x5B, 0x32, 0x30, 0x31, 0x7E]  // ESC [ 2 0 1 ~
    private static let longestSequence = 32

    public var keyCodes: KeyCodeTable
    private var state: State = .ground
    /// The paste so far, as UTF-8: appending bytes to an array is the cheapest way to collect a megabyte.
    private var pasteText: [UInt8] = []
    private var pasteMarkerMatched = 0
    private var pasteLastWasCarriageReturn = false

    public init(keyCodes: KeyCodeTable = .standard) {
        self.keyCodes = keyCodes
    }

    /// True while a sequence is unfinished: the caller should wait briefly for more input, then `flush`.
    public var isWaitingForMoreInput: Bool {
        if case .ground = state { return false }
        return true
    }

    public var isInsidePaste: Bool {
        if case .paste = state { return true }
        return false
    }

    /// How long the caller should wait for the rest of an unfinished sequence, or nil when none is pending.
    public var pendingTimeoutMilliseconds: Int32? {
        switch state {
        case .ground: nil
        case .paste: Self.pasteTimeoutMilliseconds
        case .escape, .sequence: Self.escapeTimeoutMilliseconds
        }
    }

    /// Decodes a whole batch (convenient for tests).
    public mutating func decode(_ keystrokes: [Keystroke]) -> [TerminalInput] {
        var out: [TerminalInput] = []
        for keystroke in keystrokes { feed(keystroke, into: &out) }
        return out
    }

    public mutating func feed(_ keystroke: Keystroke, into out: inout [TerminalInput]) {
        // The hot path of a large paste: plain text, no end marker in progress.
        if case .paste = state, pasteMarkerMatched == 0, case .scalar(let value) = keystroke,
           value >= 0x20, value != 0x7F, value < 0x80 || value > 0x9F {
            pasteLastWasCarriageReturn = false
            appendUTF8(value)
            return
        }
        switch state {
        case .ground:
            feedGround(keystroke, into: &out)
        case .escape:
            feedAfterEscape(keystroke, into: &out)
        case .sequence(let introducer, let parameters):
            feedSequence(keystroke, introducer: introducer, parameters: parameters, into: &out)
        case .paste:
            feedPaste(keystroke, into: &out)
        }
    }

    /// Input went quiet: settle whatever is unfinished.
    public mutating func flush(into out: inout [TerminalInput]) {
        switch state {
        case .ground:
            return
        case .escape:
            state = .ground
            out.append(.key(KeyPress(.escape)))
        case .sequence(let introducer, let parameters):
            // Not a sequence after all: Alt plus the introducer, then the rest as typed.
            state = .ground
            out.append(.key(KeyPress(.character(Character(Unicode.Scalar(introducer))), .alt)))
            for byte in parameters { feedGround(.scalar(UInt32(byte)), into: &out) }
        case .paste:
            finishPaste(into: &out)
        }
    }

    // MARK: - Ground

    private mutating func feedGround(_ keystroke: Keystroke, into out: inout [TerminalInput]) {
        switch keystroke {
        case .scalar(0x1B):
            state = .escape
        case .scalar(let value):
            if let press = Self.press(forCharacter: value) { out.append(.key(press)) }
        case .keyCode(let code):
            if code == KEY_RESIZE {
                out.append(.resize)
            } else if let press = keyCodes[code] {
                out.append(.key(press))
            }
        case .mouse(let report):
            out.append(.mouse(report))
        }
    }

    /// Control characters and printable scalars, as terminals send them in raw mode.
    static func press(forCharacter value: UInt32) -> KeyPress? {
        switch value {
        case 0x09: return KeyPress(.tab)
        case 0x0A, 0x0D: return KeyPress(.enter)
        case 0x08, 0x7F: return KeyPress(.backspace)
        case 0x1B: return KeyPress(.escape)
        case 0x00: return KeyPress(.character(" "), .control)
        case 0x01...0x1A: return KeyPress(.character(Character(Unicode.Scalar(UInt8(0x60 + value)))), .control)
        case 0x1C...0x1F: return KeyPress(.character(Character(Unicode.Scalar(UInt8(0x40 + value)))), .control)
        case 0x80...0x9F: return nil  // C1 controls: never text
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return KeyPress(.character(Character(scalar)))
        }
    }

    // MARK: - After ESC

    private mutating func feedAfterEscape(_ keystroke: Keystroke, into out: inout [TerminalInput]) {
        switch keystroke {
        case .scalar(0x5B), .scalar(0x4F):  // "[" or "O"
            if case .scalar(let value) = keystroke {
                state = .sequence(introducer: UInt8(value), parameters: [])
            }
        case .scalar(0x1B):
            // ESC ESC: the first was the Escape key; the second may start a sequence.
            out.append(.key(KeyPress(.escape)))
        case .keyCode(let code) where code == KEY_RESIZE:
            // A resize is no key to put Alt on: the ESC before it was the Escape key (it used to vanish here).
            state = .ground
            out.append(.key(KeyPress(.escape)))
            out.append(.resize)
        case .scalar, .keyCode:
            state = .ground
            var decoded: [TerminalInput] = []
            feedGround(keystroke, into: &decoded)
            for input in decoded {
                if case .key(var press) = input {
                    press.modifiers.insert(.alt)
                    out.append(.key(press))
                } else {
                    out.append(input)
                }
            }
        case .mouse:
            state = .ground
            out.append(.key(KeyPress(.escape)))
            feedGround(keystroke, into: &out)
        }
    }

    // MARK: - CSI / SS3

    private mutating func feedSequence(
        _ keystroke: Keystroke, introducer: UInt8, parameters: [UInt8], into out: inout [TerminalInput]
    ) {
        guard case .scalar(let value) = keystroke else {
            flush(into: &out)
            feed(keystroke, into: &out)
            return
        }
        switch value {
        case 0x20...0x3F where parameters.count < Self.longestSequence:
            state = .sequence(introducer: introducer, parameters: parameters + [UInt8(value)])
        case 0x40...0x7E:
            state = .ground
            let parameterText = String(decoding: parameters, as: UTF8.self)
            if introducer == 0x5B {
                finishCSI(parameters: parameterText, final: UInt8(value), into: &out)
            } else {
                finishSS3(parameters: parameterText, final: UInt8(value), into: &out)
            }
        default:
            // Not a well-formed sequence: settle what came so far, then take this keystroke afresh.
            flush(into: &out)
            feed(keystroke, into: &out)
        }
    }

    private mutating func finishCSI(parameters: String, final: UInt8, into out: inout [TerminalInput]) {
        if parameters.hasPrefix("<"), final == 0x4D || final == 0x6D {  // SGR mouse: ESC [ < b ; x ; y M/m
            if let report = Self.sgrMouse(parameters.dropFirst(), released: final == 0x6D) {
                out.append(.mouse(report))
            }
            return
        }
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = numbers.first.flatMap { $0 } ?? 1
        let modifiers = numbers.count > 1 ? KeyModifiers(xtermParameter: numbers[1] ?? 1) : []
        if final == 0x7E {  // "~"
            if first == 200 {
                state = .paste
                pasteText.removeAll(keepingCapacity: true)
                pasteMarkerMatched = 0
                pasteLastWasCarriageReturn = false
                return
            }
            if let key = Self.tildeKeys[first] { out.append(.key(KeyPress(key, modifiers))) }
            return
        }
        if final == 0x5A {  // "Z": Shift-Tab
            out.append(.key(KeyPress(.tab, modifiers.union(.shift))))
            return
        }
        if let key = Self.letterKeys[final] { out.append(.key(KeyPress(key, modifiers))) }
    }

    private mutating func finishSS3(parameters: String, final: UInt8, into out: inout [TerminalInput]) {
        let modifiers = Int(parameters).map { KeyModifiers(xtermParameter: $0) } ?? []
        if final == 0x4D {  // keypad Enter
            out.append(.key(KeyPress(.enter, modifiers)))
        } else if let key = Self.letterKeys[final] {
            out.append(.key(KeyPress(key, modifiers)))
        }
    }

    /// `ESC [ n ~` keys, numbered as xterm and the Linux console send them.
    private static let tildeKeys: [Int: Key] = [
        1: .home, 2: .insert, 3: .delete, 4: .end, 5: .pageUp, 6: .pageDown, 7: .home, 8: .end,
        11: .function(1), 12: .function(2), 13: .function(3), 14: .function(4), 15: .function(5),
        17: .function(6), 18: .function(7), 19: .function(8), 20: .function(9), 21: .function(10),
        23: .function(11), 24: .function(12),
    ]

    /// Keys named by a sequence's final letter (CSI and SS3 alike).
    private static let letterKeys: [UInt8: Key] = [
        0x41: .up, 0x42: .down, 0x43: .right, 0x44: .left, 0x48: .home, 0x46: .end,
        0x50: .function(1), 0x51: .function(2), 0x52: .function(3), 0x53: .function(4),
    ]

    /// SGR (1006) mouse: button code bits 0–1 the button, +4 Shift, +8 Alt, +16 Ctrl, +32 motion, +64 wheel.
    static func sgrMouse(_ text: Substring, released: Bool) -> MouseReport? {
        let fields = text.split(separator: ";").compactMap { Int($0) }
        guard fields.count == 3, fields[1] >= 1, fields[2] >= 1 else { return nil }
        let code = fields[0]
        var modifiers: KeyModifiers = []
        if code & 4 != 0 { modifiers.insert(.shift) }
        if code & 8 != 0 { modifiers.insert(.alt) }
        if code & 16 != 0 { modifiers.insert(.control) }
        let action: MouseReport.Action
        if code & 64 != 0 {
            action = code & 1 == 0 ? .wheelUp : .wheelDown
        } else if code & 32 != 0 {
            action = .drag
        } else {
            let button = (code & 3) + 1
            action = released ? .release(button: button) : .press(button: button)
        }
        return MouseReport(action: action, row: fields[2] - 1, column: fields[1] - 1, modifiers: modifiers)
    }

    // MARK: - Bracketed paste

    private mutating func feedPaste(_ keystroke: Keystroke, into out: inout [TerminalInput]) {
        switch keystroke {
        case .scalar(let value):
            if value == Self.pasteEndMarker[pasteMarkerMatched] {
                pasteMarkerMatched += 1
                if pasteMarkerMatched == Self.pasteEndMarker.count { finishPaste(into: &out) }
                return
            }
            if pasteMarkerMatched > 0 {
                // A false start: what looked like the end marker was text after all.
                let partial = Self.pasteEndMarker[0..<pasteMarkerMatched]
                pasteMarkerMatched = 0
                for earlier in partial { appendPasted(earlier) }
                if value == Self.pasteEndMarker[0] {
                    pasteMarkerMatched = 1
                    return
                }
            }
            appendPasted(value)
        case .keyCode(let code):
            // Curses may have decoded part of the pasted text as a key; only Enter matters in text.
            if code == KEY_ENTER { appendPasted(0x0A) }
        case .mouse:
            break
        }
    }

    /// Keeps text, tabs and line ends; drops other control characters so a paste cannot smuggle escapes.
    /// CR LF and lone CR become LF.
    private mutating func appendPasted(_ value: UInt32) {
        let wasCarriageReturn = pasteLastWasCarriageReturn
        pasteLastWasCarriageReturn = value == 0x0D
        switch value {
        case 0x0D:
            pasteText.append(0x0A)
        case 0x0A:
            if !wasCarriageReturn { pasteText.append(0x0A) }
        case 0x09:
            pasteText.append(0x09)
        case 0x00...0x1F, 0x7F...0x9F:
            return
        default:
            appendUTF8(value)
        }
    }

    /// Encodes one scalar; surrogates and out-of-range values (never valid text) are dropped.
    private mutating func appendUTF8(_ value: UInt32) {
        switch value {
        case 0..<0x80:
            pasteText.append(UInt8(value))
        case 0x80..<0x800:
            pasteText.append(UInt8(0xC0 | value >> 6))
            pasteText.append(UInt8(0x80 | value & 0x3F))
        case 0xD800...0xDFFF:
            return
        case 0x800..<0x10000:
            pasteText.append(UInt8(0xE0 | value >> 12))
            pasteText.append(UInt8(0x80 | value >> 6 & 0x3F))
            pasteText.append(UInt8(0x80 | value & 0x3F))
        case 0x10000...0x10FFFF:
            pasteText.append(UInt8(0xF0 | value >> 18))
            pasteText.append(UInt8(0x80 | value >> 12 & 0x3F))
            pasteText.append(UInt8(0x80 | value >> 6 & 0x3F))
            pasteText.append(UInt8(0x80 | value & 0x3F))
        default:
            return
        }
    }

    private mutating func finishPaste(into out: inout [TerminalInput]) {
        // An unterminated paste that stalled mid-marker keeps the partial marker's text.
        if pasteMarkerMatched > 0, pasteMarkerMatched < Self.pasteEndMarker.count {
            for value in Self.pasteEndMarker[0..<pasteMarkerMatched] { appendPasted(value) }
        }
        state = .ground
        out.append(.paste(String(decoding: pasteText, as: UTF8.self)))
        pasteText = []
        pasteMarkerMatched = 0
        pasteLastWasCarriageReturn = false
    }
}
