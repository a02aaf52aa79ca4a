// The one place state changes: an event in, effects out. Pure: no clocks, no I/O.
import SynthKit

/// Applies one event to the state and returns what the runtime should do about it.
public func update(state: inout AppState, event: Event) -> [Effect] {
    var effects: [Effect] = []
    switch event {
    case .key(let key): state.handle(key: key, effects: &effects)
    case .paste(let text):
        if state.mode == .playground { state.handle(paste: text, effects: &effects) } else {
            state.handleModePaste(text, effects: &effects)
        }
    case .mouse(let mouse):
        if state.mode == .playground { state.handle(mouse: mouse, effects: &effects) } else {
            state.handleModeMouse(mouse, effects: &effects)
        }
    case .resize(let columns, let rows):
        state.resize(columns: columns, rows: rows)
        state.resizeModes()
    case .tick(let now): state.handle(tick: now, effects: &effects)
    case .tokenized(let purpose, let tokens): state.handle(tokens: tokens, for: purpose, effects: &effects)
    case .tokenizeFailed(let purpose, let message):
        if case .biasWord(let word) = purpose {
            state.parameterNotice = Notice("cannot tokenize \"\(word)\": \(message)", isError: true)
        }
    case .streamChunk(let id, let index, let text):
        if !state.routeChunk(requestID: id, index: index, text: text, effects: &effects) {
            state.handle(chunk: text, index: index, requestID: id)
            // Streamed text is worth keeping too: saved at most once per `saveDelay` while it streams.
            if state.phase.requestID == id { state.scheduleSave(effects: &effects) }
        }
    case .streamFinished(let id, let stats):
        if state.routeFinished(requestID: id, stats: stats, effects: &effects) { break }
        guard state.phase.requestID == id else { break }
        state.phase = .idle
        state.stats = stats
        effects.append(.refreshCredits)
        state.scheduleSave(effects: &effects)
    case .requestFailed(let id, let message, let status):
        if state.routeFailure(requestID: id, message: message, status: status, effects: &effects) { break }
        guard state.phase.requestID == id else { break }
        state.phase = .failed(message: message, status: status)
        effects.append(.refreshCredits)
        state.scheduleSave(effects: &effects)  // what did arrive is worth keeping
    case .retrying(let id, let note):
        if let column = state.compareColumnID(forRequest: id) {
            state.send(.retrying(columnID: column, requestID: id, note: note), toCompare: &effects)
        } else if state.phase.requestID == id {
            state.retryNote = note
        }
    case .backendReachability(let problem):
        state.backendProblem = problem
    case .creditsRefreshed(let credits):
        if let credits, let before = state.creditsBeforeRequest { state.creditsChange = credits - before }
        state.credits = credits
        state.creditsBeforeRequest = nil
    case .editorFinished(let text):
        if let text, text != state.editor.text {
            state.editor.replaceAll(with: text)
            state.revealPromptCursor()
            state.promptChanged(effects: &effects)
        }
    case .translated(let id, let answer): state.send(.translated(requestID: id, answer: answer), toPad: &effects)
    case .compare(let event): state.send(event, toCompare: &effects)
    case .tokenPriceListed(let price): state.learnTokenPrice(price)
    case .translate(let event): state.send(event, toPad: &effects)
    }
    return effects
}

extension AppState {
    static let tokenizeDelay = 0.4
    static let saveDelay = 1.0
    static let spinnerInterval = 0.1

    // MARK: Keys shared by every pane

    mutating func handle(key: KeyPress, effects: inout [Effect]) {
        if layout.isTooSmall {
            // Only quitting makes sense while nothing can be shown.
            if key == .ctrl("q") { quit(effects: &effects) }
            if key == .ctrl("c") { cancelEverything(effects: &effects) }
            return
        }
        if confirmingQuit {
            switch key.key {
            case .character("y"), .character("Y"):
                cancelEverything(effects: &effects)
                effects.append(.saveSession(session))
                effects.append(.quit)
            default:
                confirmingQuit = false
            }
            return
        }
        if showHelp {
            // Any key closes help; the key that opened it closes it too. Ctrl-C and Ctrl-Q still do their job.
            showHelp = false
            if key != .ctrl("c"), key != .ctrl("q") { return }
        }
        // Keys of every mode: help, quitting, and moving between the modes (F2/F3 with Shift belong to the modes).
        switch (key.key, key.modifiers) {
        case (.function(1), _):
            showHelp = true
            return
        case (.character("q"), .control):
            quit(effects: &effects)
            return
        case (.function(2), []):
            toggleMode(.compare)
            return
        case (.function(3), []):
            toggleMode(.translate)
            return
        default:
            break
        }
        if mode != .playground {
            handleModeKey(key, effects: &effects)
            return
        }
        switch (key.key, key.modifiers) {
        case (.function(5), _), (.character("r"), .control):
            run(effects: &effects)
            return
        case (.character("c"), .control) where phase.isInFlight:
            cancelRequest(effects: &effects)
            return
        case (.escape, _) where parameterInput == nil:
            if phase.isInFlight { cancelRequest(effects: &effects) } else if case .failed = phase { phase = .idle }
            return
        case (.tab, let m):
            if parameterInput != nil { parameterInput = nil }
            cycleFocus(backwards: m.contains(.shift))
            return
        case (.function(4), let m):
            switchEngine(by: m.contains(.shift) ? -1 : 1, effects: &effects)
            return
        case (.function(6), _):
            appendOutputToPrompt(effects: &effects)
            return
        case (.character("e"), .control):
            effects.append(.openEditor(editor.text))
            return
        case (.character("?"), []) where focus != .prompt && parameterInput == nil:
            showHelp = true
            return
        default:
            break
        }
        switch focus {
        case .prompt: handlePromptKey(key, effects: &effects)
        case .parameters: handleParameterKey(key, effects: &effects)
        case .output: handleOutputKey(key, effects: &effects)
        }
    }

    mutating func cycleFocus(backwards: Bool) {
        let all = Pane.allCases
        let i = all.firstIndex(of: focus)!
        focus = all[(i + (backwards ? all.count - 1 : 1)) % all.count]
        // In the stacked layout focus changes the panes' heights.
        revealPromptCursor()
        if outputFollows { followOutputEnd() } else { clampOutputScroll() }
    }

    mutating func handle(paste text: String, effects: inout [Effect]) {
        if let input = parameterInput {
            // A one-line input takes the first line only.
            var line = input
            line.line.insert(String(text.prefix { $0 != "\n" && $0 != "\r\n" }))
            parameterInput = line
            return
        }
        // Even while the terminal is too small to show it, a paste goes into the prompt rather than being lost.
        focus = .prompt
        editor.insert(text)
        revealPromptCursor()
        promptChanged(effects: &effects)
    }

    // MARK: Size

    mutating func resize(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        guard !layout.isTooSmall else { return }
        let width = layout.outputTextWidth
        let topOffset = currentOutput.flatMap { $0.lines.indices.contains(outputScroll) ? $0.lines[outputScroll].start : nil }
        for i in outputs.indices { outputs[i].rewrap(width: width) }
        if outputFollows { followOutputEnd() } else if let topOffset { keepOutputPosition(topOffset: topOffset) }
        // Row positions mean something else at a new width: scroll from the top again, just enough for the cursor.
        editor.scrollLineStart = 0
        editor.scrollRow = 0
        revealPromptCursor()
    }
}
