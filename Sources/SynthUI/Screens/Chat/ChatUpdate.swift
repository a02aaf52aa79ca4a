// The chat screen's update: one event in, effects out. Pure.
import Foundation
import SynthKit

/// Applies one event to the chat screen and returns what the runtime should do.
public func updateChat(state: inout ChatState, event: ChatEvent) -> [ChatEffect] {
    var effects: [ChatEffect] = []
    switch event {
    case .key(let key): state.handle(key: key, effects: &effects)
    case .paste(let text):
        switch state.focus {
        case .system: state.system.insert(text)
        case .parameters:
            // A value being typed takes the first line only.
            state.parameterPane.input?.line.insert(String(text.prefix { $0 != "\n" && $0 != "\r\n" }))
        case .composer, .transcript:
            state.focus = .composer
            state.composer.insert(text)
        }
    case .mouse(let mouse): state.handle(mouse: mouse, effects: &effects)
    case .resize(let rect): state.viewRect = rect
    case .chunk(let id, let text):
        guard state.phase.requestID == id, let last = state.turns.indices.last else { break }
        state.phase = .streaming(id: id)
        state.retryNote = nil
        state.turns[last].text += text
    case .finished(let id, let stats):
        guard state.phase.requestID == id else { break }
        state.phase = .idle
        state.retryNote = nil
        state.stats = stats
        state.dropEmptyReply()
        effects += [.save, .refreshCredits]
    case .failed(let id, let message, let status):
        guard state.phase.requestID == id else { break }
        state.phase = .failed(message: message, status: status)
        state.retryNote = nil
        // What did arrive stays, marked; a reply that never began leaves the user's message last (Ctrl-R asks again).
        if let last = state.turns.indices.last, state.turns[last].role == .assistant {
            state.turns[last].interrupted = true
        }
        state.dropEmptyReply()
        effects += [.save, .refreshCredits]
    case .retrying(let id, let note):
        if state.phase.requestID == id { state.retryNote = note }
    case .biasWordTokenized(let word, let tokens):
        state.parameterChanged(state.parameterPane.biasWordTokenized(word, tokens: tokens), effects: &effects)
    case .biasWordFailed(let word, let message):
        state.parameterPane.notice = Notice("cannot tokenize \"\(word)\": \(message)", isError: true)
    case .setSystemPrompt(let text): state.system.replaceAll(with: text)
    case .setEngines(let engines):
        guard !engines.isEmpty else { break }
        let current = state.engine
        state.engines = engines.contains { $0.id == current.id } ? engines : engines + [current]
        state.engineIndex = state.engines.firstIndex { $0.id == current.id } ?? 0
    }
    return effects
}

extension ChatState {
    /// Enter in the composer: a new message (then the reply), or the edited text of a turn.
    mutating func send(effects: inout [ChatEffect]) {
        if let index = editingTurn { return saveEdit(of: index, effects: &effects) }
        let text = composer.text
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            notice = Notice("The message is empty: type it, then Enter", isError: true)
            return
        }
        if turns.last?.role == .user {
            // Two user messages in a row are not a conversation the API takes; keep what was typed.
            notice = Notice("Your last message has no reply yet: Ctrl-R asks again, or e edits it", isError: true)
            return
        }
        turns.append(ChatTurn(.user, text))
        guard reply(effects: &effects) else {
            composer.replaceAll(with: turns.removeLast().text)
            return
        }
        composer.replaceAll(with: "")
    }

    /// Asks for a reply to the conversation as it is (it ends with the user's message). False when refused before
    /// sending (the reason is in `phase`).
    @discardableResult
    mutating func reply(effects: inout [ChatEffect]) -> Bool {
        guard !isReplying else { return false }
        if engine.family == .booste {
            phase = .failed(message: "Booste has no chat endpoint: chat needs TextSynth (the cloud's chat models) or the"
                                + " local engine", status: nil)
            return false
        }
        let chat = ChatMessages(messages: messages, system: systemPrompt)
        do {
            try ChatRequest(messages: chat.messages, system: chat.system, parameters: parameterPane.values.sampling)
                .validate()
        } catch {
            phase = .failed(message: "Invalid request: \(error)", status: nil)
            return false
        }
        let id = nextRequestID
        nextRequestID += 1
        var snapshot = CompletionSnapshot(id: id, backend: engine.backend ?? backendName, engine: engine.id, family: engine.family,
                                          prompt: "", parameters: parameterPane.values.sampling)
        snapshot.parameters.n = 1  // one reply
        snapshot.chat = chat
        turns.append(ChatTurn(.assistant, ""))
        phase = .waiting(id: id)
        retryNote = nil
        stats = nil
        notice = nil
        selectedTurn = nil
        scrollRow = nil
        effects.append(.startReply(snapshot))
        effects.append(.save)
        return true
    }

    /// The system prompt to send: nil when blank.
    var systemPrompt: String? {
        system.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : system.text
    }

    /// Ctrl-R, or `r` on a turn: the reply to `turn` (or to the last user message) again. The turns after that
    /// user message go; they are what is being redone.
    mutating func regenerate(from turn: Int?, effects: inout [ChatEffect]) {
        guard !isReplying else { return }
        let index = turn ?? turns.lastIndex { $0.role == .user }
        guard let index, turns.indices.contains(index) else {
            notice = Notice("Nothing to regenerate yet: write a message, then Enter", isError: true)
            return
        }
        // An assistant turn is redone from the user's message before it.
        let userTurn = turns[index].role == .user ? index : index - 1
        guard userTurn >= 0 else { return }
        let kept = Array(turns[...userTurn])
        let dropped = Array(turns[(userTurn + 1)...])
        turns = kept
        if !reply(effects: &effects) { turns += dropped }
    }

    /// `e` on a turn: its text goes into the composer; Enter saves it back.
    mutating func beginEdit(of index: Int) {
        guard !isReplying, turns.indices.contains(index) else { return }
        editingTurn = index
        composer.replaceAll(with: turns[index].text)
        focus = .composer
        notice = Notice(turns[index].role == .user
                        ? "editing your message \(index / 2 + 1): Enter saves it and asks again, Esc leaves it"
                        : "editing reply \(index / 2 + 1): Enter saves it (the model sees your text), Esc leaves it")
    }

    /// An edited user message replaces the old one and what followed it, and is answered again; an edited reply
    /// is just corrected.
    mutating func saveEdit(of index: Int, effects: inout [ChatEffect]) {
        guard turns.indices.contains(index) else { editingTurn = nil; return }
        let text = composer.text
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            notice = Notice("A message cannot be empty: type its text, or Esc to leave it as it was", isError: true)
            return
        }
        let before = turns
        turns[index].text = text
        turns[index].interrupted = false
        editingTurn = nil
        if turns[index].role == .user {
            turns.removeSubrange((index + 1)...)
            guard reply(effects: &effects) else {
                turns = before
                editingTurn = index
                return
            }
        } else {
            notice = Notice("reply \(index / 2 + 1) corrected")
            effects.append(.save)
        }
        composer.replaceAll(with: "")
    }

    mutating func cancelEdit() {
        editingTurn = nil
        composer.replaceAll(with: "")
        notice = nil
    }

    /// Esc or Ctrl-C while the reply streams: it stops, and what arrived stays, marked.
    mutating func cancelReply(effects: inout [ChatEffect]) {
        guard let id = phase.requestID else { return }
        phase = .idle
        retryNote = nil
        if let last = turns.indices.last, turns[last].role == .assistant { turns[last].interrupted = true }
        dropEmptyReply()
        notice = Notice("reply cancelled")
        effects += [.cancelRequest(id: id), .save, .refreshCredits]
    }

    /// A reply that ended with no text is not a turn: the user's message stays last, ready to be asked again.
    mutating func dropEmptyReply() {
        if let last = turns.last, last.role == .assistant, last.text.isEmpty { turns.removeLast() }
    }

    /// Ctrl-N twice: a new conversation (the system prompt and parameters stay).
    mutating func startNewConversation(effects: inout [ChatEffect]) {
        guard !isReplying else { return }
        guard confirmingNew || turns.isEmpty else {
            confirmingNew = true
            notice = Notice("Ctrl-N again starts a new conversation (this one is not kept)")
            return
        }
        confirmingNew = false
        turns = []
        editingTurn = nil
        selectedTurn = nil
        scrollRow = nil
        stats = nil
        phase = .idle
        notice = Notice("new conversation")
        effects.append(.save)
    }

    mutating func switchEngine(by delta: Int, effects: inout [ChatEffect]) {
        guard engines.count > 1 else {
            notice = Notice("\(backendName) offers one chat engine: \(engine.id)")
            return
        }
        engineIndex = (engineIndex + delta + engines.count) % engines.count
        parameterPane.engineChanged()
        notice = Notice("chatting with \(engine.displayName)")
        effects.append(.save)
    }

    /// Saves what the parameters pane changed; a word to bias goes to the tokenizer.
    mutating func parameterChanged(_ outcome: ParameterPaneOutcome, effects: inout [ChatEffect]) {
        switch outcome {
        case .unchanged: return
        case .changed: break
        case .tokenize(let word):
            guard engine.backend == nil else {
                parameterPane.notice = Notice("token ids come from \(backendName)'s tokenizer, which does not run"
                                              + " \(engine.id)", isError: true)
                return
            }
            effects.append(.tokenize(word: word, engine: engine.id))
        }
        effects.append(.save)
    }
}
