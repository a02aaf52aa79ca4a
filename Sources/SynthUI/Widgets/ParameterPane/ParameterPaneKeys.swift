// The parameters pane's keys, for every screen with sliders (the playground, the chat screen): one table and one
// way of applying it, as the editor's keys are shared.

/// What a key in the parameters pane does.
public enum ParameterPaneAction: Sendable, Equatable {
    case choose, nudge, nudgeCoarse, firstOrLast, typeValue, startTypingValue, reset, resetAll, remove
    // While a value is typed.
    case inputCancel, inputSubmit, inputMove, inputDelete, inputClear, inputType
}

public enum ParameterPaneKeys {
    private static func press(_ key: Key) -> KeyMatch { .exactly(KeyPress(key)) }
    private static func char(_ c: Character) -> KeyMatch { .exactly(.char(c)) }

    /// The pane's keys, for a screen whose state is `Context`.
    public static func table<Context>(_ title: String = "Parameters") -> KeyTable<ParameterPaneAction, Context> {
        typealias Binding = KeyBinding<ParameterPaneAction, Context>
        return KeyTable(title, [
            Binding([press(.up), press(.down)], keys: "↑/↓", help: "choose a parameter", hint: "↑↓ choose", .choose),
            Binding([.anyModifiers(.left), .anyModifiers(.right)], keys: "←/→ ⇧←/→", help: "fine / coarse step",
                    hint: "←→ adjust", .nudge),
            Binding([.anyModifiers(.pageUp), .anyModifiers(.pageDown)], keys: "PgUp/PgDn", help: "coarse step",
                    .nudgeCoarse),
            Binding([.anyModifiers(.home), .anyModifiers(.end)], keys: "Home/End", help: "first / last row",
                    .firstOrLast),
            Binding([press(.enter)], keys: "Enter", help: "type exact value", hint: "Enter type", .typeValue),
            Binding([.digit, char("0"), char("-"), char(".")], keys: "0-9 - .", help: "start typing a value",
                    .startTypingValue),
            Binding([char("r")], keys: "r", help: "reset one", hint: "r reset", .reset),
            Binding([char("R"), .exactly(KeyPress(.character("r"), .shift))], keys: "R", help: "reset all", .resetAll),
            Binding([.anyModifiers(.delete), .anyModifiers(.backspace)], keys: "Del", help: "remove stop / bias",
                    .remove),
        ])
    }

    /// While a value is typed into the pane.
    public static func inputTable<Context>(_ title: String = "Typing a value") -> KeyTable<ParameterPaneAction, Context> {
        typealias Binding = KeyBinding<ParameterPaneAction, Context>
        return KeyTable(title, [
            Binding([press(.escape)], keys: "Esc", help: "cancel", .inputCancel),
            Binding([press(.enter)], keys: "Enter", help: "set", .inputSubmit),
            Binding([.anyModifiers(.left), .anyModifiers(.right), .anyModifiers(.home), .anyModifiers(.end)],
                    keys: "←→ Home End", help: "move", .inputMove),
            Binding([.anyModifiers(.backspace), .anyModifiers(.delete)], keys: "Backspace Del", help: "delete",
                    .inputDelete),
            Binding([.exactly(.ctrl("u"))], keys: "Ctrl-U", help: "clear", .inputClear),
            Binding([.typing], keys: "any character", help: "type it", .inputType, listed: false),
        ])
    }
}
