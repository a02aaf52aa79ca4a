// Every key binding, as the help overlay lists them. Keep in step with the update functions (a test checks the overlay).

public struct KeyBinding: Sendable, Equatable {
    public var keys: String
    public var action: String
    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }
}

public struct KeyBindingGroup: Sendable, Equatable {
    public var title: String
    public var bindings: [KeyBinding]
}

public enum KeyBindings {
    /// Keys at most 14 cells and actions at most 21, so that two columns fit an 80-column screen.
    public static let groups: [KeyBindingGroup] = [
        KeyBindingGroup(title: "Anywhere", bindings: [
            KeyBinding("F5, Ctrl-R", "run the prompt"),
            KeyBinding("Esc, Ctrl-C", "cancel the request"),
            KeyBinding("Tab, Shift-Tab", "next/previous pane"),
            KeyBinding("F4, Shift-F4", "next/previous engine"),
            KeyBinding("F2 / F3", "compare / translate"),
            KeyBinding("Ctrl-E", "edit in $EDITOR"),
            KeyBinding("F1, ?", "help (? off prompt)"),
            KeyBinding("Ctrl-Q", "quit (asks if busy)"),
            KeyBinding("Mouse", "click, wheel, drag"),
        ]),
        KeyBindingGroup(title: "Prompt", bindings: [
            KeyBinding("←→↑↓ Home End", "move by grapheme"),
            KeyBinding("Ctrl-←/→", "move by word"),
            KeyBinding("Alt-B, Alt-F", "word back / forward"),
            KeyBinding("Ctrl-Home/End", "prompt start / end"),
            KeyBinding("Shift + move", "select"),
            KeyBinding("Ctrl-A", "select all"),
            KeyBinding("Ctrl-X/C/V", "cut / copy / paste"),
            KeyBinding("Ctrl-Z, Ctrl-Y", "undo / redo"),
            KeyBinding("Ctrl-W", "delete word before"),
        ]),
        KeyBindingGroup(title: "Parameters", bindings: [
            KeyBinding("↑/↓", "choose a parameter"),
            KeyBinding("←/→", "fine step"),
            KeyBinding("Shift-←/→", "coarse step"),
            KeyBinding("PgUp/PgDn", "coarse step"),
            KeyBinding("Enter, 0-9", "type exact value"),
            KeyBinding("r, R", "reset one / all"),
            KeyBinding("Del", "remove stop / bias"),
        ]),
        KeyBindingGroup(title: "Output", bindings: [
            KeyBinding("↑↓ PgUp/PgDn", "scroll back"),
            KeyBinding("Home", "top"),
            KeyBinding("End", "follow the stream"),
            KeyBinding("←/→, 1-9", "switch answer tab"),
            KeyBinding("a, Enter, F6", "append to prompt"),
        ]),
    ]

    /// Keys that work the same in every mode.
    static let modes = KeyBindingGroup(title: "Anywhere", bindings: [
        KeyBinding("F2", "compare ⇄ playground"),
        KeyBinding("F3", "translate ⇄ playground"),
        KeyBinding("F1, ?", "help (? off text)"),
        KeyBinding("Ctrl-Q", "quit (asks if busy)"),
    ])

    public static let compareGroups: [KeyBindingGroup] = [
        modes,
        KeyBindingGroup(title: "Compare", bindings: [
            KeyBinding("F5, Ctrl-R", "run every column"),
            KeyBinding("Esc, Ctrl-C", "cancel; idle: back"),
            KeyBinding("←→ h l Tab 1-9", "choose a column"),
            KeyBinding("a / d / x", "add / copy / remove"),
            KeyBinding("[ ]", "choose a parameter"),
            KeyBinding("+ / -", "change it"),
            KeyBinding("e, E", "next/previous engine"),
            KeyBinding("p", "promote to playground"),
            KeyBinding("v", "divergence vs first"),
            KeyBinding("t", "pager on / off"),
            KeyBinding("↑↓ PgUp/PgDn", "scroll the column"),
            KeyBinding("Home / End", "top / follow"),
            KeyBinding("Mouse", "click column, wheel"),
        ]),
    ]

    public static let translateGroups: [KeyBindingGroup] = [
        modes,
        KeyBindingGroup(title: "Translate", bindings: [
            KeyBinding("F5, Ctrl-R", "translate"),
            KeyBinding("Shift-F2", "source language"),
            KeyBinding("Shift-F3", "target language"),
            KeyBinding("F4", "swap direction"),
            KeyBinding("F6", "copy translations"),
            KeyBinding("F7", "split sentences"),
            KeyBinding("F8", "round trip on / off"),
            KeyBinding("F9", "beams 1-5"),
            KeyBinding("Esc", "cancel; idle: back"),
            KeyBinding("PgUp/PgDn", "scroll"),
            KeyBinding("Ctrl-X/C/V", "cut / copy / paste"),
            KeyBinding("Ctrl-Z, Ctrl-Y", "undo / redo"),
        ]),
    ]

    /// What the help overlay lists in a mode.
    public static func groups(for mode: AppMode) -> [KeyBindingGroup] {
        switch mode {
        case .playground: return groups
        case .compare: return compareGroups
        case .translate: return translateGroups
        }
    }
}
