// The text editor's keys, for every screen with a text field (the playground's prompt, the scratchpad's source):
// one table and one way of applying it, not a copy per screen.

/// What an editing key does.
public enum EditAction: Sendable, Equatable {
    case move, page, newline, deleteBackward, deleteForward, selectAll, cut, copy, paste, undo, redo, deleteWord
    case wordBack, wordForward, type
}

public enum EditorKeys {
    private static func ctrl(_ c: Character) -> KeyMatch { .exactly(.ctrl(c)) }
    private static func alt(_ c: Character) -> [KeyMatch] {
        [.exactly(KeyPress(.character(c), .alt)), .exactly(KeyPress(.character(c), [.alt, .shift]))]
    }

    /// The editing keys, for a screen whose state is `Context`.
    public static func table<Context>(_ title: String) -> KeyTable<EditAction, Context> {
        typealias Binding = KeyBinding<EditAction, Context>
        return KeyTable(title, [
            Binding([.anyModifiers(.left), .anyModifiers(.right), .anyModifiers(.up), .anyModifiers(.down),
                     .anyModifiers(.home), .anyModifiers(.end)], keys: "←→↑↓ Home End", help: "move by grapheme", .move),
            Binding([.anyModifiers(.pageUp), .anyModifiers(.pageDown)], keys: "PgUp/PgDn", help: "move a page", .page),
            Binding([.anyModifiers(.enter)], keys: "Enter", help: "new line", .newline),
            Binding([.anyModifiers(.backspace), ctrl("h")], keys: "Backspace", help: "delete (Ctrl: word)",
                    .deleteBackward),
            Binding([.anyModifiers(.delete)], keys: "Del", help: "delete after", .deleteForward),
            Binding([ctrl("a")], keys: "Ctrl-A", help: "select all", .selectAll),
            Binding([ctrl("x")], keys: "Ctrl-X", help: "cut", .cut, listed: false),
            Binding([ctrl("c")], keys: "Ctrl-C", help: "copy", .copy, listed: false),
            Binding([ctrl("v")], keys: "Ctrl-X/C/V", help: "cut / copy / paste", .paste),
            Binding([ctrl("z")], keys: "Ctrl-Z", help: "undo", .undo, listed: false),
            Binding([ctrl("y"), .exactly(KeyPress(.character("z"), [.control, .shift]))], keys: "Ctrl-Z/Y/⇧Z",
                    help: "undo / redo", .redo),
            Binding([ctrl("w")], keys: "Ctrl-W", help: "delete word before", .deleteWord),
            Binding(alt("b"), keys: "Alt-B", help: "word back", .wordBack, listed: false),
            Binding(alt("f"), keys: "Alt-B/F", help: "word back / forward", .wordForward),
            Binding([.typing], keys: "characters", help: "type them", .type),
        ], notes: [HelpLine("Ctrl + move", "word; Home/End: all"), HelpLine("Shift + move", "select")])
    }
}

extension PromptEditor {
    /// Applies an editing key: the key says the direction, Shift extends the selection, Ctrl or Alt goes by word
    /// (Ctrl-Home/End: to the text's start or end). `width` is the wrap width, `page` the rows a page moves.
    public mutating func apply(_ action: EditAction, key: KeyPress, width: Int, page: Int) {
        let shift = key.modifiers.contains(.shift)
        let control = key.modifiers.contains(.control)
        let word = control || key.modifiers.contains(.alt)
        switch (action, key.key) {
        case (.move, .left): moveLeft(extending: shift, word: word)
        case (.move, .right): moveRight(extending: shift, word: word)
        case (.move, .up): moveVertically(by: -1, width: width, extending: shift)
        case (.move, .down): moveVertically(by: 1, width: width, extending: shift)
        case (.move, .home), (.move, .end):
            let end = key.key == .end
            if control { moveToDocumentBoundary(end: end, extending: shift) } else {
                moveToLineBoundary(end: end, extending: shift)
            }
        case (.page, let k): moveVertically(by: k == .pageUp ? -page : page, width: width, extending: shift)
        case (.newline, _): insert("\n")
        case (.deleteBackward, let k): deleteBackward(word: word && k == .backspace)
        case (.deleteForward, _): deleteForward(word: word)
        case (.selectAll, _): selectAll()
        case (.copy, _): copy()
        case (.cut, _): cut()
        case (.paste, _): paste()
        case (.undo, _): undo()
        case (.redo, _): redo()
        case (.deleteWord, _): deleteBackward(word: true)
        case (.wordBack, _): moveLeft(extending: shift, word: true)
        case (.wordForward, _): moveRight(extending: shift, word: true)
        case (.type, .character(let c)): insert(String(c), typing: true)
        default: break
        }
    }
}
