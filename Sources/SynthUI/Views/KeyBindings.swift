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
    public static let groups: [KeyBindingGroup] = [
        KeyBindingGroup(title: "Anywhere", bindings: [
            KeyBinding("F5, Ctrl-R", "run the prompt"),
            KeyBinding("Esc, Ctrl-C", "cancel the running request (the prompt stays)"),
            KeyBinding("Tab, Shift-Tab", "next / previous pane"),
            KeyBinding("F2, Shift-F2", "next / previous engine"),
            KeyBinding("F6", "append the output to the prompt"),
            KeyBinding("Ctrl-E", "edit the prompt in $EDITOR"),
            KeyBinding("F1, ?", "this help (? outside the editor)"),
            KeyBinding("Ctrl-Q", "quit (asks if a request is running)"),
            KeyBinding("Mouse", "click: focus / place cursor; wheel: scroll; drag: slider"),
        ]),
        KeyBindingGroup(title: "Prompt", bindings: [
            KeyBinding("Arrows, Home, End", "move by grapheme / line"),
            KeyBinding("Ctrl-←/→, Alt-B/F", "move by word"),
            KeyBinding("Ctrl-Home/End", "start / end of the prompt"),
            KeyBinding("Shift + move", "select"),
            KeyBinding("Ctrl-A", "select all"),
            KeyBinding("Ctrl-X, Ctrl-C, Ctrl-V", "cut, copy, paste"),
            KeyBinding("Ctrl-Z, Ctrl-Y", "undo, redo"),
            KeyBinding("Ctrl-W, Ctrl-Bksp", "delete the word before"),
        ]),
        KeyBindingGroup(title: "Parameters", bindings: [
            KeyBinding("↑/↓", "choose a parameter"),
            KeyBinding("←/→", "fine step"),
            KeyBinding("Shift-←/→, PgUp/PgDn", "coarse step"),
            KeyBinding("Enter, 0-9", "type an exact value / add a stop string / a bias word"),
            KeyBinding("r, R", "reset this one, reset all"),
            KeyBinding("Del", "remove the last stop string / a bias entry"),
        ]),
        KeyBindingGroup(title: "Output", bindings: [
            KeyBinding("↑/↓, PgUp/PgDn, Home", "scroll (stops following)"),
            KeyBinding("End", "follow the end again"),
            KeyBinding("←/→, 1-9", "switch answer tab (n > 1)"),
            KeyBinding("a, Enter", "append this answer to the prompt"),
        ]),
    ]
}
