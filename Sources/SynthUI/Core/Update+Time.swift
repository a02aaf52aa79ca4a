// Ticks: the spinner, the debounced token count and autosave; and the tokenizer's answers.

extension AppState {
    mutating func handle(tick now: Double, effects: inout [Effect]) {
        clock = now
        let spins = isBusy && (spinnerDue.map({ now >= $0 - 0.001 }) ?? true)
        if spins {
            spinnerFrame += 1
            spinnerDue = now + AppState.spinnerInterval
            effects.append(.scheduleTick(after: AppState.spinnerInterval))
        } else if !isBusy {
            spinnerDue = nil
        }
        if let due = tokenizeDue, now >= due - 0.001 {
            tokenizeDue = nil
            if engine.family == .booste {
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
        // Something still waits: ask again for a tick (a runtime that keeps only one deadline then loses nothing),
        // unless the spinner just asked for one that comes first anyway. A spinner step not due at this tick is
        // asked for again too: this tick used up the runtime's one deadline, and without it the spinner, the token
        // count and the autosave all stopped until the next key.
        var waiting = [tokenizeDue, saveDue].compactMap { $0 }
        if isBusy, !spins, let spinner = spinnerDue { waiting.append(spinner) }
        if let next = waiting.min(), !(spins && (spinnerDue ?? .infinity) <= next) {
            effects.append(.scheduleTick(after: max(0.001, next - now)))
        }
    }

    mutating func startSpinner(effects: inout [Effect]) {
        spinnerDue = clock + AppState.spinnerInterval
        effects.append(.scheduleTick(after: AppState.spinnerInterval))
    }

    /// The prompt changed: count its tokens again (debounced) and save a moment later.
    mutating func promptChanged(effects: inout [Effect]) {
        if tokenizeDue == nil {
            tokenizeDue = clock + AppState.tokenizeDelay
            effects.append(.scheduleTick(after: AppState.tokenizeDelay))
        }
        scheduleSave(effects: &effects)
    }

    /// Something worth keeping changed: save once things have been quiet for a moment.
    mutating func scheduleSave(effects: inout [Effect]) {
        if saveDue == nil {
            saveDue = clock + AppState.saveDelay
            effects.append(.scheduleTick(after: AppState.saveDelay))
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
            guard !tokens.isEmpty else {
                parameterNotice = Notice("\"\(word)\" has no tokens", isError: true)
                return
            }
            for (i, token) in tokens.enumerated() {
                if parameters.sampling.logitBias[token] == nil { parameters.sampling.logitBias[token] = 0 }
                parameters.biasWords[token] = tokens.count > 1 ? "\(word) \(i + 1)/\(tokens.count)" : word
            }
            let ids = tokens.map(String.init).joined(separator: ", ")
            parameterNotice = Notice("\"\(word)\" → token\(tokens.count > 1 ? "s" : "") \(ids)")
            scheduleSave(effects: &effects)
        }
    }

}
