// The history screen's keys: one table that dispatches them and is what help and the status bar show. In the list,
// typed characters search; the commands are on keys that type nothing.

public enum HistoryAction: Sendable, Equatable {
    case edit(EditAction)
    case clearSearch, select, page, open, back, rerun, restore, star, diff, delete
    case engineFilter, sourceFilter, periodFilter, starredFilter, scroll
}

public typealias HistoryKeyTable = KeyTable<HistoryAction, HistoryState>
typealias HistoryKey = KeyBinding<HistoryAction, HistoryState>

private func press(_ key: Key, _ modifiers: KeyModifiers = []) -> KeyMatch { .exactly(KeyPress(key, modifiers)) }
private func ctrl(_ c: Character) -> KeyMatch { .exactly(.ctrl(c)) }

extension HistoryState {
    var isList: Bool { view == .list }
    var showsRun: Bool { if case .run = view { true } else { false } }

    public static let keys = HistoryKeyTable("History", [
        HistoryKey([press(.up), press(.down)], keys: "↑/↓", help: "choose a run", hint: "↑↓ choose", .select,
                   when: { $0.isList }),
        HistoryKey([press(.pageUp), press(.pageDown)], keys: "PgUp/PgDn", help: "a page of runs", .page,
                   when: { $0.isList }),
        HistoryKey([press(.enter)], keys: "Enter", help: "open (read-only)", hint: "Enter open", .open,
                   when: { $0.isList && $0.selectedRun != nil }),
        HistoryKey([press(.enter), press(.escape)], keys: "Enter, Esc", help: "back to the list", hint: "Esc back",
                   .back, when: { !$0.isList }),
        HistoryKey([press(.up), press(.down), press(.pageUp), press(.pageDown), press(.home), press(.end),
                    .exactly(.char(" "))], keys: "↑↓ PgUp/Dn", help: "scroll (Home/End too)", .scroll,
                   when: { !$0.isList }),
        HistoryKey([press(.escape), ctrl("u")], keys: "Esc, Ctrl-U", help: "clear the search", .clearSearch,
                   when: { $0.isList && !$0.search.text.isEmpty }),
        HistoryKey([ctrl("o")], keys: "Ctrl-O", help: "restore in its screen", hint: "^O restore", .restore,
                   when: { $0.currentRun != nil }),
        HistoryKey([press(.function(5)), ctrl("r")], keys: "F5, Ctrl-R", help: "re-run in its screen",
                   hint: "F5 re-run", .rerun, when: { $0.currentRun != nil }),
        HistoryKey([ctrl("s")], keys: "Ctrl-S", help: "star / unstar", hint: "^S star", .star,
                   when: { $0.currentRun != nil }),
        HistoryKey([ctrl("d")], keys: "Ctrl-D", help: "diff two runs (twice)", hint: "^D diff", .diff,
                   when: { $0.currentRun != nil }),
        HistoryKey([press(.delete)], keys: "Del", help: "delete (press twice)", .delete,
                   when: { $0.currentRun != nil }),
        HistoryKey([.anyModifiers(.function(4))], keys: "F4/⇧F4", help: "filter by engine", .engineFilter,
                   when: { $0.isList }),
        HistoryKey([.anyModifiers(.function(6))], keys: "F6/⇧F6", help: "by screen or command",
                   .sourceFilter, when: { $0.isList }),
        HistoryKey([.anyModifiers(.function(7))], keys: "F7/⇧F7", help: "filter by date", .periodFilter,
                   when: { $0.isList }),
        HistoryKey([press(.function(8))], keys: "F8", help: "starred runs only", .starredFilter, when: { $0.isList }),
        HistoryKey([.anyModifiers(.backspace), ctrl("h")], keys: "Backspace", help: "delete in the search",
                   .edit(.deleteBackward), when: { $0.isList }),
        HistoryKey([ctrl("w")], keys: "Ctrl-W", help: "delete a search word", .edit(.deleteWord),
                   when: { $0.isList }),
        HistoryKey([.anyModifiers(.left), .anyModifiers(.right), .anyModifiers(.home), .anyModifiers(.end)],
                   keys: "←→ Home End", help: "move in the search", .edit(.move), when: { $0.isList }),
        HistoryKey([.typing], keys: "characters", help: "search (as you type)", .edit(.type),
                   when: { $0.isList }),
    ], notes: [HelpLine("Mouse", "click picks, 2nd opens")])

    public static var helpGroups: [HelpGroup] { [keys.helpGroup] }

    public var hints: [String] { Self.keys.hints(in: self) }
}
