@preconcurrency import CNCurses
import SynthUI

/// Which key press each curses key code stands for.
///
/// The standard codes (`KEY_UP`, `KEY_SLEFT`, `KEY_BTAB`, …) are fixed; the codes curses assigns to
/// extended terminfo names such as `kUP5` (Ctrl-Up) exist only once a terminal is open, so the screen
/// adds them with `addingExtendedNames(lookup:)`.
public struct KeyCodeTable: Sendable {
    public private(set) var presses: [Int32: KeyPress]

    public init(presses: [Int32: KeyPress]) { self.presses = presses }

    public subscript(code: Int32) -> KeyPress? { presses[code] }

    /// The key codes every curses build defines.
    public static let standard: KeyCodeTable = {
        var table: [Int32: KeyPress] = [
            KEY_UP: KeyPress(.up), KEY_DOWN: KeyPress(.down),
            KEY_LEFT: KeyPress(.left), KEY_RIGHT: KeyPress(.right),
            KEY_HOME: KeyPress(.home), KEY_END: KeyPress(.end),
            KEY_PPAGE: KeyPress(.pageUp), KEY_NPAGE: KeyPress(.pageDown),
            KEY_IC: KeyPress(.insert), KEY_DC: KeyPress(.delete),
            KEY_BACKSPACE: KeyPress(.backspace), KEY_ENTER: KeyPress(.enter),
            KEY_BTAB: KeyPress(.tab, .shift),
            // Shift-arrows: curses names Shift-Up/Down "scroll reverse/forward".
            KEY_SR: KeyPress(.up, .shift), KEY_SF: KeyPress(.down, .shift),
            KEY_SLEFT: KeyPress(.left, .shift), KEY_SRIGHT: KeyPress(.right, .shift),
            KEY_SHOME: KeyPress(.home, .shift), KEY_SEND: KeyPress(.end, .shift),
            KEY_SDC: KeyPress(.delete, .shift), KEY_SIC: KeyPress(.insert, .shift),
            KEY_SPREVIOUS: KeyPress(.pageUp, .shift), KEY_SNEXT: KeyPress(.pageDown, .shift),
            // Keypad keys some terminals send in application mode.
            KEY_A1: KeyPress(.home), KEY_C1: KeyPress(.end),
            KEY_A3: KeyPress(.pageUp), KEY_C3: KeyPress(.pageDown),
        ]
        // xterm's terminfo numbers modified function keys past F12: F13–F24 are Shift-F1–F12,
        // F25–F36 Ctrl-F1–F12, F37–F48 Ctrl-Shift, F49–F60 Alt.
        let banks: [KeyModifiers] = [[], .shift, .control, [.control, .shift], .alt]
        for (bank, modifiers) in banks.enumerated() {
            for n in 1...12 {
                table[KEY_F0 + Int32(bank * 12 + n)] = KeyPress(.function(n), modifiers)
            }
        }
        return KeyCodeTable(presses: table)
    }()

    /// The extended terminfo key names whose codes curses assigns at run time, with what they mean.
    /// The digit suffix is xterm's modifier parameter (2 = Shift, 3 = Alt, 5 = Ctrl, …).
    public static let extendedNames: [(name: String, press: KeyPress)] = {
        let keys: [(String, Key)] = [
            ("kUP", .up), ("kDN", .down), ("kLFT", .left), ("kRIT", .right),
            ("kHOM", .home), ("kEND", .end), ("kPRV", .pageUp), ("kNXT", .pageDown),
            ("kDC", .delete), ("kIC", .insert),
        ]
        var names: [(String, KeyPress)] = []
        for (stem, key) in keys {
            // Shift-Up/Down have no standard capability in some entries, so the bare stems count too.
            names.append((stem, KeyPress(key, .shift)))
            for parameter in 2...8 {
                names.append(("\(stem)\(parameter)", KeyPress(key, KeyModifiers(xtermParameter: parameter))))
            }
        }
        return names
    }()

    /// Adds the codes of extended key names. `lookup` answers the code curses assigned to a name, if any.
    public func addingExtendedNames(lookup: (String) -> Int32?) -> KeyCodeTable {
        var table = presses
        for (name, press) in Self.extendedNames {
            if let code = lookup(name), table[code] == nil { table[code] = press }
        }
        return KeyCodeTable(presses: table)
    }
}
