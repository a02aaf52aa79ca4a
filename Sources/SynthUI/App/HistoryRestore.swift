// Putting a logged run back into the screen it came from — prompt (or conversation, or texts), parameters and
// engine — and, for a re-run, sending it from there as that screen's own run key would.
import Foundation
import SynthKit

extension AppState {
    /// The screen a run belongs to: its screen, or for a command's run the screen that does the same.
    static func screen(for run: LoggedRun) -> AppMode {
        switch (run.source, run.kind) {
        case ("compare", _): .compare
        case (_, "chat"): .chat
        case (_, "translate"): .translate
        default: .playground
        }
    }

    mutating func restore(_ run: LoggedRun, andRun: Bool, effects: inout [Effect]) {
        guard run.kind != "logprob" else {
            // A span or candidate scored by /logprob: no screen sends one from a prompt and parameters.
            history.notice = Notice("run \(run.id ?? 0) scored a continuation (/logprob): open it to read it; "
                                    + "the inspector (Ctrl-T) and scorer (Ctrl-G) score again", isError: true)
            return
        }
        let target = Self.screen(for: run)
        if andRun, isBusy(target) {
            history.notice = Notice("the \(target.title) screen is still running: Esc there first", isError: true)
            return
        }
        switch target {
        case .compare: restoreCompare(run)
        case .chat: restoreChat(run, forRerun: andRun)
        case .translate: restoreTranslation(run, effects: &effects)
        default: restorePlayground(run)
        }
        if run.backend != backendName {
            tellScreen(Notice("run \(run.id ?? 0) went to \(run.backend); restored on \(backendName)"))
        }
        guard andRun else { return }
        // The screen's own run key: the same checks, the same budget guard, the same request.
        switch target {
        case .compare: handleScreenKey(KeyPress(.function(5)), effects: &effects)
        case .chat: handleScreenKey(KeyPress(.enter), effects: &effects)
        default: handleScreenKey(KeyPress(.function(5)), effects: &effects)
        }
    }

    private func isBusy(_ screen: AppMode) -> Bool {
        switch screen {
        case .compare: compare?.isRunning ?? false
        case .chat: chat?.isReplying ?? false
        case .translate: translatePad.isTranslating
        default: playground.phase.isInFlight
        }
    }

    /// The engine a run named, from the list when it is there, else made from its id (asked for by name).
    func engineChoice(_ id: String, in list: [EngineChoice], family: EngineFamily) -> EngineChoice {
        list.first { $0.id == id }
            ?? EngineChoice(id: id, displayName: id, contextLength: EngineCatalog.contextLength(of: id), family: family)
    }

    static func sampling(_ run: LoggedRun) -> SamplingParameters? {
        try? JSONDecoder().decode(SamplingParameters.self, from: Data(run.parameters.utf8))
    }

    private mutating func restorePlayground(_ run: LoggedRun) {
        let family: EngineFamily = run.kind == "gpt2" ? .booste : .textSynth
        let engine = engineChoice(run.engine, in: playground.engines, family: family)
        if !playground.engines.contains(engine) { playground.engines.append(engine) }
        playground.engineIndex = playground.engines.firstIndex(of: engine) ?? 0
        if family == .booste, let booste = Self.boosteFields(run.parameters) {
            playground.parameters.booste.length = booste.length
            playground.parameters.booste.temperature = booste.temperature
            playground.parameters.booste.windowMax = booste.windowMax
        } else if let sampling = Self.sampling(run) {
            playground.parameters.sampling = sampling
        }
        replacePrompt(with: run.prompt)
        switchMode(to: .playground)
    }

    private mutating func restoreCompare(_ run: LoggedRun) {
        playground.editor.replaceAll(with: run.prompt)
        switchMode(to: .compare)  // takes the playground's prompt
        guard var c = compare, !c.columns.isEmpty else { return }
        let index = c.focusedColumn
        c.columns[index].variant.engine = engineChoice(run.engine, in: engines, family: .textSynth)
        if let sampling = Self.sampling(run) { c.columns[index].variant.parameters = sampling }
        compare = c
    }

    private mutating func restoreChat(_ run: LoggedRun, forRerun: Bool) {
        ensureChat()
        guard var c = chat else { return }
        var messages = run.messages ?? [run.prompt]
        // A re-run sends the last question again from the message box; a restore shows the answer it got.
        let question = forRerun ? messages.popLast() ?? "" : ""
        c.turns = messages.enumerated().map { ChatTurn($0.offset % 2 == 0 ? .user : .assistant, $0.element) }
        if !forRerun, let answer = run.answers.first { c.turns.append(ChatTurn(.assistant, answer)) }
        c.composer.replaceAll(with: question)
        c.focus = .composer
        c.system.replaceAll(with: run.system ?? "")
        if let sampling = Self.sampling(run) { c.parameterPane.values.sampling = sampling }
        let engine = engineChoice(run.engine, in: c.engines, family: .textSynth)
        if !c.engines.contains(engine) { c.engines.append(engine) }
        c.engineIndex = c.engines.firstIndex(of: engine) ?? 0
        c.phase = .idle
        chat = c
        switchMode(to: .chat)
    }

    private mutating func restoreTranslation(_ run: LoggedRun, effects: inout [Effect]) {
        send(.setSourceText(run.prompt), toPad: &effects)
        if let request = try? JSONDecoder().decode(TranslateRequest.self, from: Data(run.parameters.utf8)) {
            send(.setLanguage(.source, code: request.sourceLang), toPad: &effects)
            send(.setLanguage(.target, code: request.targetLang), toPad: &effects)
        }
        switchMode(to: .translate)
    }

    /// Booste's parameters as the history keeps them (`LoggedRun.parametersJSON`).
    static func boosteFields(_ json: String) -> (length: Int, temperature: Double, windowMax: Int)? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any],
              let length = object["length"] as? Int, let temperature = object["temperature"] as? Double,
              let window = object["window_max"] as? Int else { return nil }
        return (length, temperature, window)
    }
}
