// One table per screen (and pane) that both dispatches keys and documents them, as Bubble Tea's key.Binding does:
// a key that works is in the help because dispatch reads nothing else, and a key in the help works because the
// help is drawn from the same bindings.

/// Which key presses a binding answers to.
public enum KeyMatch: Sendable, Equatable {
    /// This key with exactly these modifiers.
    case exactly(KeyPress)
    /// This key whatever the modifiers (the action reads them: Shift extends a selection, Ctrl moves by word).
    case anyModifiers(Key)
    /// A printable character typed without Ctrl or Alt: text for a field.
    case typing
    /// A digit 1–9 without modifiers.
    case digit

    public func matches(_ press: KeyPress) -> Bool {
        switch self {
        case .exactly(let wanted): return press == wanted
        case .anyModifiers(let key): return press.key == key
        case .typing:
            guard case .character = press.key else { return false }
            return !press.control && !press.alt
        case .digit:
            guard case .character(let c) = press.key, press.modifiers.isEmpty, let n = c.wholeNumberValue else { return false }
            return (1...9).contains(n)
        }
    }

    /// A press this matches (what a test presses to check the binding works).
    public var example: KeyPress {
        switch self {
        case .exactly(let press): return press
        case .anyModifiers(let key): return KeyPress(key)
        case .typing: return .char("w")
        case .digit: return .char("2")
        }
    }
}

/// One binding: the keys that trigger it, the same keys as help names them, what it does, and (optionally) the
/// short form the status bar shows. `when` limits it to a state of the screen (Ctrl-C cancels only while a request
/// runs; otherwise it falls to the next binding, copy).
public struct KeyBinding<Action: Sendable & Equatable, Context>: Sendable {
    public let matches: [KeyMatch]
    public let keys: String
    public let help: String
    public let hint: String?
    public let action: Action
    /// False for a binding whose keys another line of the same table already names (`?` beside "F1, ?").
    public let listed: Bool
    let when: (@Sendable (Context) -> Bool)?

    public init(_ matches: [KeyMatch], keys: String, help: String, hint: String? = nil, _ action: Action,
                listed: Bool = true, when: (@Sendable (Context) -> Bool)? = nil) {
        self.matches = matches
        self.keys = keys
        self.help = help
        self.hint = hint
        self.action = action
        self.listed = listed
        self.when = when
    }

    public var isConditional: Bool { when != nil }

    func applies(to press: KeyPress, in context: Context) -> Bool {
        matches.contains { $0.matches(press) } && (when?(context) ?? true)
    }
}

/// The bindings of one screen or pane, in the order they are tried.
public struct KeyTable<Action: Sendable & Equatable, Context>: Sendable {
    public let title: String
    public let bindings: [KeyBinding<Action, Context>]
    /// Lines help shows that are not keys (the mouse).
    public let notes: [HelpLine]

    public init(_ title: String, _ bindings: [KeyBinding<Action, Context>], notes: [HelpLine] = []) {
        self.title = title
        self.bindings = bindings
        self.notes = notes
    }

    /// The action for a key press in this state, if any binding takes it.
    public func action(for press: KeyPress, in context: Context) -> Action? {
        bindings.first { $0.applies(to: press, in: context) }?.action
    }

    /// The same bindings with their actions wrapped (a screen's own action type around a shared widget's).
    public func mapActions<Wrapped>(_ transform: (Action) -> Wrapped) -> KeyTable<Wrapped, Context> {
        KeyTable<Wrapped, Context>(title, bindings.map { binding in
            KeyBinding(binding.matches, keys: binding.keys, help: binding.help, hint: binding.hint,
                       transform(binding.action), listed: binding.listed, when: binding.when)
        }, notes: notes)
    }

    /// The table as help lists it.
    public var helpGroup: HelpGroup {
        HelpGroup(title: title, lines: bindings.filter(\.listed).map { HelpLine($0.keys, $0.help) } + notes)
    }

    /// The status bar's hints of the bindings that apply in this state, in table order.
    public func hints(in context: Context) -> [String] {
        bindings.compactMap { binding in
            guard let hint = binding.hint, binding.when?(context) ?? true else { return nil }
            return hint
        }
    }
}

/// One line of the help overlay: keys and what they do.
public struct HelpLine: Sendable, Equatable {
    public var keys: String
    public var action: String
    public init(_ keys: String, _ action: String) {
        self.keys = keys
        self.action = action
    }
}

public struct HelpGroup: Sendable, Equatable {
    public var title: String
    public var lines: [HelpLine]
}
