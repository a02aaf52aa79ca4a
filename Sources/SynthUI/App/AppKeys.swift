// The keys every screen shares: help, quitting, and moving between the screens. Tried before the screen's own.

public enum AppAction: Sendable, Equatable {
    case help, quit, compare, translate
    /// Alt-1…Alt-6: show this screen.
    case show(AppMode)
    /// Alt-E / Alt-J: save the screen as Markdown / JSON.
    case export(ExportFormat)
    /// Alt-C: the same Markdown on the clipboard (OSC 52).
    case copyExport
}

public enum HelpAction: Sendable, Equatable {
    case nextPage, previousPage
}

public typealias AppKeyTable = KeyTable<AppAction, AppState>

private func alt(_ c: Character) -> KeyMatch { .exactly(KeyPress(.character(c), .alt)) }

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
        KeyBinding([alt("1")], keys: "Alt-1", help: "the playground", .show(.playground)),
        KeyBinding([alt("2")], keys: "Alt-2", help: "compare", .show(.compare)),
        KeyBinding([alt("3")], keys: "Alt-3", help: "translate", .show(.translate)),
        KeyBinding([alt("4")], keys: "Alt-4", help: "chat", hint: "M-4 chat", .show(.chat)),
        KeyBinding([alt("5")], keys: "Alt-5", help: "images", .show(.image)),
        KeyBinding([alt("6")], keys: "Alt-6", help: "history", .show(.history)),
        KeyBinding([alt("e")], keys: "Alt-E", help: "export as Markdown", .export(.markdown)),
        KeyBinding([alt("j")], keys: "Alt-J", help: "export as JSON", .export(.json)),
        KeyBinding([alt("c")], keys: "Alt-C", help: "copy as Markdown", .copyExport),
    ])

    /// Keys while help is open: pages when it needs more than one; any other key closes it.
    public static let helpKeys = KeyTable<HelpAction, AppState>("In help", [
        KeyBinding([.exactly(KeyPress(.pageDown)), .exactly(KeyPress(.right)), .exactly(.char(" "))],
                   keys: "PgDn → ␣", help: "next help page", .nextPage),
        KeyBinding([.exactly(KeyPress(.pageUp)), .exactly(KeyPress(.left))], keys: "PgUp ←", help: "previous page",
                   .previousPage),
    ], notes: [HelpLine("other keys", "close help")])
}
