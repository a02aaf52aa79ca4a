// The keys every screen shares: help, quitting, and moving between the screens. Tried before the screen's own.

public enum AppAction: Sendable, Equatable {
    case help, quit, compare, translate, image
}

public enum HelpAction: Sendable, Equatable {
    case nextPage, previousPage
}

public typealias AppKeyTable = KeyTable<AppAction, AppState>

extension AppState {
    public static let appKeys = AppKeyTable("Anywhere", [
        KeyBinding([.anyModifiers(.function(1))], keys: "F1, ?", help: "help (? off text)", hint: "F1 help", .help),
        KeyBinding([.exactly(.char("?"))], keys: "?", help: "help", .help, listed: false,
                   when: { !$0.screenTakesTyping }),
        KeyBinding([.exactly(.ctrl("q"))], keys: "Ctrl-Q", help: "quit (asks if busy)", hint: "^Q quit", .quit),
        KeyBinding([.exactly(KeyPress(.function(2)))], keys: "F2", help: "compare ⇄ back", hint: "F2 compare",
                   .compare),
        KeyBinding([.exactly(KeyPress(.function(3)))], keys: "F3", help: "translate ⇄ back",
                   hint: "F3 translate", .translate),
        KeyBinding([.exactly(KeyPress(.character("5"), .alt))], keys: "Alt-5", help: "image screen ⇄ back", .image),
    ])

    /// Keys while help is open: pages when it needs more than one; any other key closes it.
    public static let helpKeys = KeyTable<HelpAction, AppState>("In help", [
        KeyBinding([.exactly(KeyPress(.pageDown)), .exactly(KeyPress(.right)), .exactly(.char(" "))],
                   keys: "PgDn → ␣", help: "next help page", .nextPage),
        KeyBinding([.exactly(KeyPress(.pageUp)), .exactly(KeyPress(.left))], keys: "PgUp ←", help: "previous page",
                   .previousPage),
    ], notes: [HelpLine("other keys", "close help")])
}
