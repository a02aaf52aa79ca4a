// The playground's keys: one table for the screen and one per pane. `handle(key:)` dispatches through them and the
// help overlay and status bar are drawn from them, so the two cannot drift apart.

/// What a playground key does.
public enum PlaygroundAction: Sendable, Equatable {
    // The screen, whatever pane has focus.
    case run, escape, cancel, nextPane, nextEngine, appendOutput, openEditor, copyCurl, presets, inspect, scorer
    // Prompt: the shared editor's keys.
    case edit(EditAction)
    // Parameters: the shared pane's keys (also while a value is typed into it).
    case parameter(ParameterPaneAction)
    // Output.
    case scroll, scrollPage, scrollTop, follow, switchTab, chooseTab, append, copy
    // Output, while the token inspector is on.
    case tokenStep, tokenEnds, alternative, branch, ban, boost, scoreSpan
}

public typealias PlaygroundKeyTable = KeyTable<PlaygroundAction, PlaygroundState>
typealias PlaygroundKey = KeyBinding<PlaygroundAction, PlaygroundState>

private func press(_ key: Key, _ modifiers: KeyModifiers = []) -> KeyMatch { .exactly(KeyPress(key, modifiers)) }
private func ctrl(_ c: Character) -> KeyMatch { .exactly(.ctrl(c)) }
private func char(_ c: Character) -> KeyMatch { .exactly(.char(c)) }

extension PlaygroundState {
    /// Keys of the screen, whatever pane has focus (tried before the pane's).
    public static let screenKeys = PlaygroundKeyTable("Playground", [
        PlaygroundKey([press(.function(5)), ctrl("r")], keys: "F5, Ctrl-R", help: "run the prompt", hint: "F5 run", .run,
                      when: { !$0.phase.isInFlight }),
        PlaygroundKey([press(.escape), ctrl("c")], keys: "Esc, Ctrl-C", help: "cancel the request", hint: "Esc cancel",
                      .cancel, when: { $0.phase.isInFlight && $0.parameterInput == nil }),
        PlaygroundKey([press(.escape)], keys: "Esc", help: "clear the error", .escape, listed: false,
                      when: { $0.parameterInput == nil }),
        PlaygroundKey([.anyModifiers(.tab)], keys: "Tab, Shift-Tab", help: "next/previous pane", hint: "Tab pane",
                      .nextPane),
        PlaygroundKey([.anyModifiers(.function(4))], keys: "F4, Shift-F4", help: "next/previous engine", .nextEngine),
        PlaygroundKey([press(.function(6))], keys: "F6", help: "append the answer", .appendOutput),
        PlaygroundKey([ctrl("e")], keys: "Ctrl-E", help: "edit in $EDITOR", .openEditor),
        PlaygroundKey([ctrl("k")], keys: "Ctrl-K", help: "copy as curl", .copyCurl),
        PlaygroundKey([ctrl("p")], keys: "Ctrl-P", help: "presets", .presets),
        PlaygroundKey([ctrl("t")], keys: "Ctrl-T", help: "token inspector", .inspect),
        PlaygroundKey([ctrl("g")], keys: "Ctrl-G", help: "score continuations", .scorer),
    ], notes: [HelpLine("Mouse", "click, wheel, drag")])

    public static let promptKeys: PlaygroundKeyTable = EditorKeys.table("Prompt").mapActions { .edit($0) }

    public static let parameterKeys: PlaygroundKeyTable = ParameterPaneKeys.table().mapActions { .parameter($0) }

    /// While a value is typed into the parameters pane.
    public static let parameterInputKeys: PlaygroundKeyTable =
        ParameterPaneKeys.inputTable().mapActions { .parameter($0) }

    public static let outputKeys = PlaygroundKeyTable("Output", [
        PlaygroundKey([press(.up), press(.down)], keys: "↑/↓", help: "scroll", hint: "↑↓ scroll", .scroll),
        PlaygroundKey([press(.pageUp), press(.pageDown), char(" ")], keys: "PgUp/PgDn ␣", help: "scroll a page",
                      .scrollPage),
        PlaygroundKey([press(.home)], keys: "Home", help: "top", .scrollTop),
        PlaygroundKey([press(.end)], keys: "End", help: "follow the stream", .follow),
        PlaygroundKey([press(.left), press(.right), char("["), char("]")], keys: "←/→ [ ]", help: "answer tab",
                      .switchTab),
        PlaygroundKey([.digit], keys: "1-9", help: "answer tab n", .chooseTab),
        PlaygroundKey([char("a"), press(.enter)], keys: "a, Enter", help: "append to prompt", hint: "a append",
                      .append),
        PlaygroundKey([char("y")], keys: "y", help: "copy the answer", .copy),
    ])

    /// The output pane while the token inspector is on (Ctrl-T).
    public static let inspectorKeys = PlaygroundKeyTable("Output, token inspector on (Ctrl-T)", [
        PlaygroundKey([press(.left), press(.right), press(.left, .shift), press(.right, .shift)], keys: "←/→ Shift",
                      help: "walk tokens (⇧ span)", hint: "←→ token", .tokenStep),
        PlaygroundKey([press(.home), press(.end)], keys: "Home/End", help: "first/last token", .tokenEnds),
        PlaygroundKey([press(.up), press(.down)], keys: "↑/↓", help: "alternatives", hint: "↑↓ alternative",
                      .alternative, when: { $0.tokenAtCursor != nil }),
        PlaygroundKey([press(.up), press(.down)], keys: "↑/↓", help: "scroll", .scroll, listed: false),
        PlaygroundKey([press(.pageUp), press(.pageDown)], keys: "PgUp/PgDn", help: "scroll a page", .scrollPage),
        PlaygroundKey([press(.enter)], keys: "Enter", help: "branch from it", hint: "Enter branch",
                      .branch, when: { $0.tokenAtCursor != nil && !$0.phase.isInFlight }),
        PlaygroundKey([char("b")], keys: "b", help: "ban it, same seed", hint: "b ban", .ban,
                      when: { $0.tokenAtCursor != nil && !$0.phase.isInFlight }),
        PlaygroundKey([char("+")], keys: "+", help: "boost it, same seed", .boost,
                      when: { $0.tokenAtCursor != nil && !$0.phase.isInFlight }),
        PlaygroundKey([char("s")], keys: "s", help: "score it (/logprob)", hint: "s score",
                      .scoreSpan, when: { !$0.phase.isInFlight }),
        PlaygroundKey([char("["), char("]")], keys: "[ ]", help: "answer tab", .switchTab),
        PlaygroundKey([.digit], keys: "1-9", help: "answer tab n", .chooseTab),
        PlaygroundKey([char("y")], keys: "y", help: "copy the span", .copy),
    ])

    /// The table for the focused pane (an open value input takes the parameters pane's keys).
    public var paneKeys: PlaygroundKeyTable {
        switch focus {
        case .prompt: return Self.promptKeys
        case .parameters: return parameterInput == nil ? Self.parameterKeys : Self.parameterInputKeys
        case .output: return inspecting ? Self.inspectorKeys : Self.outputKeys
        }
    }

    /// What help lists for the playground, after the keys every screen shares.
    public static var helpGroups: [HelpGroup] {
        [screenKeys.helpGroup, promptKeys.helpGroup, parameterKeys.helpGroup, parameterInputKeys.helpGroup,
         outputKeys.helpGroup, inspectorKeys.helpGroup, presetKeys.helpGroup, scorerKeys.helpGroup]
    }

    /// The status bar's hints now: the focused pane's, then the screen's.
    public var hints: [String] {
        if presetPicker != nil { return presetTable.hints(in: self) }
        if scorer != nil { return Self.scorerKeys.hints(in: self) }
        return paneKeys.hints(in: self) + Self.screenKeys.hints(in: self)
    }

    /// A key, once the app has taken help, quitting and switching screens: the screen's table, then the pane's.
    mutating func handle(key: KeyPress, effects: inout [Effect]) {
        if presetPicker != nil { return handlePresetKey(key, effects: &effects) }
        if scorer != nil { return handleScorerKey(key, effects: &effects) }
        if let action = Self.screenKeys.action(for: key, in: self) ?? paneKeys.action(for: key, in: self) {
            perform(action, key: key, effects: &effects)
        }
    }

    mutating func perform(_ action: PlaygroundAction, key: KeyPress, effects: inout [Effect]) {
        switch action {
        case .run: run(effects: &effects)
        case .cancel: cancelRequest(effects: &effects)
        case .escape: if case .failed = phase { phase = .idle }
        case .nextPane:
            if parameterInput != nil { parameterInput = nil }
            cycleFocus(backwards: key.shift)
        case .nextEngine: switchEngine(by: key.shift ? -1 : 1, effects: &effects)
        case .appendOutput, .append: appendOutputToPrompt(effects: &effects)
        case .openEditor: effects.append(.openEditor(editor.text))
        case .copyCurl: copyRequestAsCurl(effects: &effects)
        case .presets: openPresetPicker()
        case .inspect: toggleInspector(effects: &effects)
        case .scorer: openScorer()
        case .tokenStep: moveTokenCursor(by: key.key == .left ? -1 : 1, extending: key.shift)
        case .tokenEnds: moveTokenCursor(by: key.key == .home ? -Int.max / 2 : Int.max / 2, extending: false)
        case .alternative: moveChoice(by: key.key == .up ? -1 : 1)
        case .branch: branchFromChoice(effects: &effects)
        case .ban: rerun(biasing: -100, effects: &effects)
        case .boost: rerun(biasing: TokenInspector.boost, effects: &effects)
        case .scoreSpan: scoreSpan(effects: &effects)
        case .copy: copySelection(effects: &effects)
        case .edit(let edit): editPrompt(edit, key: key, effects: &effects)
        case .parameter(let action): adjustParameter(action, key: key, effects: &effects)
        case .scroll, .scrollPage, .scrollTop, .follow, .switchTab, .chooseTab:
            moveInOutput(action, key: key)
        }
    }
}
