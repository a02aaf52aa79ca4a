// Keys as the update function sees them: decoded by the terminal backend, free of curses codes.

/// A key on the keyboard.
public enum Key: Sendable, Hashable {
    /// A printable grapheme (also letters pressed with Ctrl or Alt: see `KeyPress.modifiers`).
    case character(Character)
    case enter, tab, backspace, delete, escape, insert
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1…F12.
    case function(Int)
}

/// Modifier keys held with a key.
public struct KeyModifiers: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let shift = KeyModifiers(rawValue: 1)
    public static let control = KeyModifiers(rawValue: 2)
    public static let alt = KeyModifiers(rawValue: 4)
}

/// One key press. Shift-Tab is `.tab` with `.shift`; Ctrl-R is `.character("r")` with `.control`.
public struct KeyPress: Sendable, Hashable {
    public var key: Key
    public var modifiers: KeyModifiers
    public init(_ key: Key, _ modifiers: KeyModifiers = []) {
        self.key = key
        self.modifiers = modifiers
    }
    /// A plain printable character.
    public static func char(_ c: Character) -> KeyPress { KeyPress(.character(c)) }
    /// Ctrl plus a letter (give the lowercase letter).
    public static func ctrl(_ c: Character) -> KeyPress { KeyPress(.character(c), .control) }

    var shift: Bool { modifiers.contains(.shift) }
    var control: Bool { modifiers.contains(.control) }
    var alt: Bool { modifiers.contains(.alt) }
}

/// A mouse action at a cell (0-based column x, row y).
public struct MouseEvent: Sendable, Hashable {
    public enum Action: Sendable, Hashable {
        /// Button 1 pressed.
        case press
        /// Moved with button 1 held.
        case drag
        case release
        case wheelUp
        case wheelDown
    }
    public var action: Action
    public var x: Int
    public var y: Int
    public init(_ action: Action, x: Int, y: Int) {
        self.action = action
        self.x = x
        self.y = y
    }
}
