// What the terminal said, decoded: keys (SynthUI's `KeyPress`), pastes, mouse reports, resizes.
import SynthUI

extension KeyModifiers {
    /// The xterm modifier parameter: `ESC [ 1 ; m A` carries m = 1 + Shift·1 + Alt·2 + Ctrl·4.
    init(xtermParameter m: Int) {
        let bits = max(0, m - 1)
        self = []
        if bits & 1 != 0 { insert(.shift) }
        if bits & 2 != 0 { insert(.alt) }
        if bits & 4 != 0 { insert(.control) }
    }
}

/// A mouse report in cell coordinates (0-based, row from the top), with every button curses reports.
public struct MouseReport: Hashable, Sendable {
    public enum Action: Hashable, Sendable {
        case press(button: Int)
        case release(button: Int)
        /// Motion with a button held (needs the terminal's drag tracking).
        case drag
        case wheelUp, wheelDown
    }

    public var action: Action
    public var row: Int
    public var column: Int
    public var modifiers: KeyModifiers

    public init(action: Action, row: Int, column: Int, modifiers: KeyModifiers = []) {
        self.action = action
        self.row = row
        self.column = column
        self.modifiers = modifiers
    }
}

/// A decoded piece of terminal input.
public enum TerminalInput: Hashable, Sendable {
    case key(KeyPress)
    /// One bracketed paste, whole, with line ends normalised to "\n".
    case paste(String)
    case mouse(MouseReport)
    case resize
}

/// What one `get_wch` call returned: a character, or a key code when curses recognised a sequence.
/// Mouse reports are read with `getmouse` by the screen and passed through in order.
public enum Keystroke: Hashable, Sendable {
    case scalar(UInt32)
    case keyCode(Int32)
    case mouse(MouseReport)
}
