// The playground's update: the events that reach it, in; effects out. Pure. The app handles what every screen
// shares (help, quitting, switching screens, credits, the spinner) and hands the rest here.
import SynthKit

/// Applies one event to the playground and returns what the runtime should do about it.
public func updatePlayground(state: inout PlaygroundState, event: Event) -> [Effect] {
    var effects: [Effect] = []
    if state.handleScore(event, effects: &effects) { return effects }
    switch event {
    case .key(let key): state.handle(key: key, effects: &effects)
    case .paste(let text): state.handle(paste: text, effects: &effects)
    case .mouse(let mouse): state.handle(mouse: mouse, effects: &effects)
    case .tick(let now): state.handle(tick: now, effects: &effects)
    case .tokenized(let purpose, let tokens): state.handle(tokens: tokens, for: purpose, effects: &effects)
    case .tokenizeFailed(let purpose, let message):
        if case .biasWord(let word) = purpose {
            state.parameterNotice = Notice("cannot tokenize \"\(word)\": \(message)", isError: true)
        }
    case .streamChunk(let request, let index, let text):
        let id = request.serial
        state.handle(chunk: text, index: index, requestID: id)
        // Streamed text is worth keeping too: saved at most once per `saveDelay` while it streams.
        if state.phase.requestID == id { state.scheduleSave(effects: &effects) }
    case .streamTokens(let request, let index, let text, let tokens):
        state.handle(chunk: text, index: index, requestID: request.serial)
        state.handle(tokens: tokens, index: index, requestID: request.serial)
        if state.phase.requestID == request.serial { state.scheduleSave(effects: &effects) }
    case .streamFinished(let request, let stats):
        guard state.phase.requestID == request.serial else { break }
        state.phase = .idle
        state.retryNote = nil
        state.stats = stats
        effects.append(.refreshCredits)
        state.scheduleSave(effects: &effects)
    case .requestFailed(let request, let message, let status):
        guard state.phase.requestID == request.serial else { break }
        state.phase = .failed(message: message, status: status)
        state.retryNote = nil
        effects.append(.refreshCredits)
        state.scheduleSave(effects: &effects)  // what did arrive is worth keeping
    case .retrying(let request, let note):
        if state.phase.requestID == request.serial { state.retryNote = note }
    case .editorFinished(let text):
        if let text, text != state.editor.text {
            state.editor.replaceAll(with: text)
            state.revealPromptCursor()
            state.promptChanged(effects: &effects)
        }
    case .resize, .creditsRefreshed, .creditsMeasured, .exported, .exportFailed, .presetsListed, .presetFailed, .parametersRefused, .translated, .compare, .tokenPriceListed, .translate, .chat, .backendReachability,
         .enginesListed, .imagesSaved, .image, .historyProblem, .history, .continuationScored:
        break  // the app's (a resize reaches the playground as its new area)
    }
    return effects
}

extension PlaygroundState {
    static let tokenizeDelay = 0.4
    static let saveDelay = 1.0

    /// Whether typed characters go into a text field now (then `?` is text, not help).
    public var takesTyping: Bool {
        if let scorer { return scorer.editing }
        return presetPicker.map { $0.newName != nil } ?? (focus == .prompt || parameterInput != nil)
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

    /// The screen area changed (a resize): rewrap the answers, keep the reading position.
    mutating func resize(to area: Rect) {
        self.area = area
        guard !area.isEmpty else { return }
        let width = layout.outputTextWidth
        let topOffset = currentOutput.flatMap { $0.lines.indices.contains(outputScroll) ? $0.lines[outputScroll].start : nil }
        for i in outputs.indices { outputs[i].rewrap(width: width) }
        if outputFollows { followOutputEnd() } else if let topOffset { keepOutputPosition(topOffset: topOffset) }
        // Row positions mean something else at a new width: scroll from the top again, just enough for the cursor.
        editor.scrollLineStart = 0
        editor.scrollRow = 0
        revealPromptCursor()
    }

    // MARK: Time: the debounced token count and autosave

    mutating func handle(tick now: Double, effects: inout [Effect]) {
        clock = now
        if let due = tokenizeDue, now >= due - 0.001 {
            tokenizeDue = nil
            if engine.backend != nil {
                promptTokens = nil  // tokenizing asks the main backend, which does not run this engine
            } else if engine.family == .booste {
                // Booste counts words, and has no tokenizer to ask: count them here.
                promptTokens = editor.text.split(whereSeparator: { $0.isWhitespace }).count
                promptTokensRevision = editor.revision
            } else {
                effects.append(.tokenize(text: editor.text, engine: engine.id,
                                         purpose: .promptLength(revision: editor.revision)))
            }
        }
        if let due = saveDue, now >= due - 0.001 {
            saveDue = nil
            effects.append(.saveSession(session))
        }
        // Something still waits: ask again for a tick (a runtime that keeps only one deadline then loses nothing).
        if let next = [tokenizeDue, saveDue].compactMap({ $0 }).min() {
            effects.append(.scheduleTick(after: max(0.001, next - now)))
        }
    }

    /// The prompt changed: count its tokens again (debounced) and save a moment later.
    mutating func promptChanged(effects: inout [Effect]) {
        if tokenizeDue == nil {
            tokenizeDue = clock + Self.tokenizeDelay
            effects.append(.scheduleTick(after: Self.tokenizeDelay))
        }
        scheduleSave(effects: &effects)
    }

    /// Something worth keeping changed: save once things have been quiet for a moment.
    mutating func scheduleSave(effects: inout [Effect]) {
        if saveDue == nil {
            saveDue = clock + Self.saveDelay
            effects.append(.scheduleTick(after: Self.saveDelay))
        }
    }

    // MARK: Tokens

    mutating func handle(tokens: [Int], for purpose: TokenizePurpose, effects: inout [Effect]) {
        switch purpose {
        case .promptLength(let revision):
            guard revision == editor.revision else { return }
            promptTokens = tokens.count
            promptTokensRevision = revision
        case .biasWord(let word):
            parameterChanged(parameterPane.biasWordTokenized(word, tokens: tokens), effects: &effects)
        case .chatBiasWord:
            return  // the chat screen's (the app routes it there)
        }
    }

    /// A compare column's backend, engine and parameters become the playground's.
    mutating func adopt(_ variant: CompareVariant, column: Int?, effects: inout [Effect]) {
        if let index = engines.firstIndex(where: { $0.id == variant.engine.id }) {
            engineIndex = index
        } else {
            engines.append(variant.engine)
            engineIndex = engines.count - 1
        }
        parameters.sampling = variant.parameters
        parameters.booste = variant.booste
        parameterCursor = 0
        parameterInput = nil
        promptTokens = nil
        let number = column.map { " \($0)" } ?? ""
        parameterNotice = Notice("column\(number)'s settings are now the playground's (\(variant.engine.id))")
        promptChanged(effects: &effects)  // another engine counts tokens differently; and save
    }
}
