// Keys of the image screen: its own (run, cancel, panes, images), the parameters' when they have the focus, a typed
// value's while one is open, otherwise editing the focused prompt.
import SynthKit

public enum ImageAction: Sendable, Equatable {
    case run, cancel, nextPane, previousImage, nextImage
    case choose, nudge, nudgeCoarse, typeValue, startTypingValue, reset
    case inputCancel, inputSubmit
}

extension ImageScreenState {
    public static let keys = KeyTable<ImageAction, ImageScreenState>("Image", [
        KeyBinding([.exactly(KeyPress(.function(5))), .exactly(.ctrl("r"))], keys: "F5, Ctrl-R", help: "generate",
                   hint: "F5 generate", .run, when: { !$0.isRunning }),
        KeyBinding([.exactly(KeyPress(.escape)), .exactly(.ctrl("c"))], keys: "Esc, Ctrl-C", help: "cancel; idle: back",
                   hint: "Esc cancel", .cancel, when: { $0.isRunning }),
        KeyBinding([.anyModifiers(.tab)], keys: "Tab, Shift-Tab", help: "next/previous pane", hint: "Tab pane",
                   .nextPane),
        KeyBinding([.anyModifiers(.function(7))], keys: "F7", help: "previous image", .previousImage),
        KeyBinding([.anyModifiers(.function(8))], keys: "F8", help: "next image", hint: "F7/F8 images", .nextImage,
                   when: { $0.saved.count > 1 }),
    ])

    /// While the parameters have the focus.
    public static let parameterKeys = KeyTable<ImageAction, ImageScreenState>("Image parameters", [
        KeyBinding([.exactly(KeyPress(.up)), .exactly(KeyPress(.down))], keys: "↑↓", help: "choose", .choose),
        KeyBinding([.exactly(KeyPress(.left)), .exactly(KeyPress(.right)), .exactly(KeyPress(.left, .shift)),
                    .exactly(KeyPress(.right, .shift))], keys: "←→", help: "change (Shift: more)", .nudge),
        KeyBinding([.exactly(KeyPress(.pageUp)), .exactly(KeyPress(.pageDown))], keys: "PgUp/PgDn", help: "change more",
                   .nudgeCoarse),
        KeyBinding([.exactly(KeyPress(.enter))], keys: "Enter", help: "type a value / file", .typeValue),
        KeyBinding([.digit, .exactly(.char("0")), .exactly(.char("."))], keys: "0-9", help: "type a value",
                   .startTypingValue, listed: false),
        KeyBinding([.exactly(KeyPress(.delete)), .exactly(KeyPress(.backspace))], keys: "Del",
                   help: "default; no image", .reset),
    ])

    /// While a value or a file name is typed.
    public static let inputKeys = KeyTable<ImageAction, ImageScreenState>("Typing a value", [
        KeyBinding([.exactly(KeyPress(.enter))], keys: "Enter", help: "set", .inputSubmit),
        KeyBinding([.exactly(KeyPress(.escape))], keys: "Esc", help: "cancel", .inputCancel),
    ])

    /// The prompts' keys: the shared editor's.
    public static let editorKeys: KeyTable<EditAction, ImageScreenState> = EditorKeys.table("Prompts")

    public static var helpGroups: [HelpGroup] {
        [keys.helpGroup, parameterKeys.helpGroup, inputKeys.helpGroup, editorKeys.helpGroup]
    }

    /// Whether typed characters are text now (`?` is then text, not help).
    public var takesTyping: Bool { input != nil || focus != .parameters }

    mutating func handle(key: KeyPress, effects: inout [ImageEffect]) {
        if input != nil {
            if let action = Self.inputKeys.action(for: key, in: self) {
                action == .inputSubmit ? submitInput() : (input = nil)
            } else if let edit = Self.editorKeys.action(for: key, in: self), edit != .newline {
                input?.line.apply(edit, key: key, width: 200, page: 1)
            }
            return
        }
        if let action = Self.keys.action(for: key, in: self) {
            switch action {
            case .run: run(effects: &effects)
            case .cancel: cancel(effects: &effects)
            case .nextPane:
                let all = Focus.allCases
                let step = key.modifiers.contains(.shift) ? all.count - 1 : 1
                focus = all[(all.firstIndex(of: focus)! + step) % all.count]
            case .previousImage where !saved.isEmpty: shown = (shown + saved.count - 1) % saved.count
            case .nextImage where !saved.isEmpty: shown = (shown + 1) % saved.count
            default: break
            }
            return
        }
        if focus == .parameters {
            if let action = Self.parameterKeys.action(for: key, in: self) { adjust(action, key: key) }
            return
        }
        guard let edit = Self.editorKeys.action(for: key, in: self) else { return }
        let area = layout.editorArea(focus)
        if focus == .prompt {
            prompt.apply(edit, key: key, width: max(1, area.width - 1), page: max(1, area.height - 1))
        } else {
            negative.apply(edit, key: key, width: max(1, area.width - 1), page: max(1, area.height - 1))
        }
    }
}
