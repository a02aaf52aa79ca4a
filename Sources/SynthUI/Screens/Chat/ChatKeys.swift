// The chat screen's keys: one table for the screen and one per pane. They dispatch and they are what help and the
// status bar show.

/// What a chat key does.
public enum ChatAction: Sendable, Equatable {
    // The screen, whatever pane has focus.
    case send, regenerate, cancel, cancelEdit, clearError, nextPane, nextEngine, newConversation, copyAll
    // Composer and system prompt: the shared editor's keys.
    case edit(EditAction)
    // Transcript.
    case selectTurn, scrollPage, firstOrLast, editTurn, regenerateTurn, copyTurn
    // Parameters: the shared pane's keys.
    case parameter(ParameterPaneAction)
}

public typealias ChatKeyTable = KeyTable<ChatAction, ChatState>
typealias ChatKey = KeyBinding<ChatAction, ChatState>

private func press(_ key: Key, _ modifiers: KeyModifiers = []) -> KeyMatch { .exactly(KeyPress(key, modifiers)) }
private func ctrl(_ c: Character) -> KeyMatch { .exactly(.ctrl(c)) }
private func char(_ c: Character) -> KeyMatch { .exactly(.char(c)) }

extension ChatState {
    /// Keys of the screen, whatever pane has focus (tried before the pane's).
    public static let screenKeys = ChatKeyTable("Chat", [
        ChatKey([press(.enter)], keys: "Enter", help: "send (in the message)", hint: "Enter send", .send,
                when: { $0.focus == .composer && !$0.isReplying }),
        ChatKey([press(.escape), ctrl("c")], keys: "Esc, Ctrl-C", help: "stop the reply (it stays)", hint: "Esc stop",
                .cancel, when: { $0.isReplying && $0.parameterPane.input == nil }),
        ChatKey([press(.escape)], keys: "Esc", help: "leave the turn as it was", hint: "Esc leave", .cancelEdit,
                when: { $0.editingTurn != nil && !$0.isReplying }),
        ChatKey([press(.escape)], keys: "Esc", help: "clear the error", .clearError, listed: false,
                when: { $0.phase.isFailure && $0.parameterPane.input == nil }),
        ChatKey([press(.function(5)), ctrl("r")], keys: "F5, Ctrl-R", help: "regenerate the last reply",
                hint: "^R again", .regenerate, when: { !$0.isReplying && !$0.turns.isEmpty }),
        ChatKey([.anyModifiers(.tab)], keys: "Tab, Shift-Tab", help: "next/previous pane", hint: "Tab pane", .nextPane),
        ChatKey([.anyModifiers(.function(4))], keys: "F4, Shift-F4", help: "next/previous chat engine", .nextEngine),
        ChatKey([ctrl("n")], keys: "Ctrl-N", help: "new conversation (press twice)", .newConversation),
        ChatKey([ctrl("o")], keys: "Ctrl-O", help: "copy the conversation (Markdown)", .copyAll),
    ], notes: [HelpLine("Alt-Enter", "new line in the message")])

    public static let composerKeys: ChatKeyTable = EditorKeys.table("Message").mapActions { .edit($0) }
    public static let systemKeys: ChatKeyTable = EditorKeys.table("System prompt").mapActions { .edit($0) }

    public static let transcriptKeys = ChatKeyTable("Conversation", [
        ChatKey([press(.up), press(.down)], keys: "↑/↓", help: "choose a message", hint: "↑↓ choose", .selectTurn),
        ChatKey([press(.pageUp), press(.pageDown), char(" ")], keys: "PgUp/PgDn ␣", help: "scroll a page",
                .scrollPage),
        ChatKey([press(.home), press(.end)], keys: "Home/End", help: "first / last (End follows)", .firstOrLast),
        ChatKey([char("e"), press(.enter)], keys: "e, Enter", help: "edit the message", hint: "e edit", .editTurn),
        ChatKey([char("r")], keys: "r", help: "regenerate from here", hint: "r again", .regenerateTurn),
        ChatKey([char("y")], keys: "y", help: "copy the message", hint: "y copy", .copyTurn),
    ])

    public static let parameterKeys: ChatKeyTable = ParameterPaneKeys.table().mapActions { .parameter($0) }
    public static let parameterInputKeys: ChatKeyTable = ParameterPaneKeys.inputTable().mapActions { .parameter($0) }

    /// The table for the focused pane.
    public var paneKeys: ChatKeyTable {
        switch focus {
        case .composer: return Self.composerKeys
        case .system: return Self.systemKeys
        case .transcript: return Self.transcriptKeys
        case .parameters: return parameterPane.input == nil ? Self.parameterKeys : Self.parameterInputKeys
        }
    }

    public static var helpGroups: [HelpGroup] {
        [screenKeys.helpGroup, transcriptKeys.helpGroup, composerKeys.helpGroup]
    }

    /// The status bar's hints now: the focused pane's, then the screen's.
    public var hints: [String] {
        let pane = focus == .composer || focus == .system ? [] : paneKeys.hints(in: self)
        return pane + Self.screenKeys.hints(in: self)
    }

    /// A key: the screen's table, then the focused pane's.
    mutating func handle(key: KeyPress, effects: inout [ChatEffect]) {
        if key != .ctrl("n") { confirmingNew = false }
        guard let action = Self.screenKeys.action(for: key, in: self) ?? paneKeys.action(for: key, in: self) else {
            return
        }
        perform(action, key: key, effects: &effects)
    }

    mutating func perform(_ action: ChatAction, key: KeyPress, effects: inout [ChatEffect]) {
        switch action {
        case .send: send(effects: &effects)
        case .regenerate: regenerate(from: nil, effects: &effects)
        case .cancel: cancelReply(effects: &effects)
        case .cancelEdit: cancelEdit()
        case .clearError: phase = .idle
        case .nextPane:
            parameterPane.input = nil
            if focus == .system { effects.append(.save) }  // the system prompt is saved as it is left
            let all = ChatFocus.allCases
            focus = all[(focus.rawValue + (key.modifiers.contains(.shift) ? all.count - 1 : 1)) % all.count]
            if focus == .transcript, selectedTurn == nil, !turns.isEmpty { selectedTurn = turns.count - 1 }
        case .nextEngine: switchEngine(by: key.modifiers.contains(.shift) ? -1 : 1, effects: &effects)
        case .newConversation: startNewConversation(effects: &effects)
        case .copyAll:
            guard !turns.isEmpty else { return }
            effects.append(.copyToClipboard(ChatTranscript.markdown(turns, system: systemPrompt, engine: engine.id)))
            notice = Notice("copied the conversation (\(turns.count) message\(turns.count == 1 ? "" : "s"))")
        case .edit(let edit): editText(edit, key: key, effects: &effects)
        case .selectTurn: moveSelection(by: key.key == .up ? -1 : 1)
        case .scrollPage: scrollTranscript(pages: key.key == .pageUp ? -1 : 1)
        case .firstOrLast:
            if key.key == .home { selectedTurn = turns.isEmpty ? nil : 0; scrollRow = 0 } else {
                selectedTurn = turns.isEmpty ? nil : turns.count - 1
                scrollRow = nil
            }
        case .editTurn: if let turn = selectedTurn { beginEdit(of: turn) }
        case .regenerateTurn: if let turn = selectedTurn { regenerate(from: turn, effects: &effects) }
        case .copyTurn:
            guard let turn = selectedTurn, turns.indices.contains(turn) else { return }
            effects.append(.copyToClipboard(turns[turn].text))
            notice = Notice("copied message \(turn + 1)")
        case .parameter(let action):
            parameterChanged(parameterPane.apply(action, key: key, engine: engine), effects: &effects)
        }
    }

    /// An editing key in the composer or the system prompt (each edit of the system prompt is worth saving).
    mutating func editText(_ action: EditAction, key: KeyPress, effects: inout [ChatEffect]) {
        let layout = self.layout
        if focus == .system {
            system.apply(action, key: key, width: layout.systemWrapWidth, page: max(1, layout.systemText.height - 1))
            system.revealCursor(width: layout.systemWrapWidth, height: layout.systemText.height)
        } else {
            if editingTurn == nil { notice = nil }
            composer.apply(action, key: key, width: layout.composerWrapWidth, page: max(1, layout.composerText.height - 1))
            composer.revealCursor(width: layout.composerWrapWidth, height: layout.composerText.height)
        }
    }

    mutating func moveSelection(by delta: Int) {
        guard !turns.isEmpty else { return }
        let current = selectedTurn ?? turns.count
        selectedTurn = min(max(0, current + delta), turns.count - 1)
        revealSelectedTurn()
    }
}

extension RequestPhase {
    var isFailure: Bool { if case .failed = self { true } else { false } }
}
