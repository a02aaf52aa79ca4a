// The routing table: everything that differs by screen, in one place. Each screen has its own state, update, view
// and key table in Screens/; this hands it events, draws it, asks it for help and status, and turns what it asks for
// into the app's effects. Adding a screen means a folder of its own and a case in each switch here.
import SynthKit

extension AppState {
    /// Applies a compare event (making the screen first if needed) and carries out what it asks for.
    mutating func send(_ event: CompareEvent, toCompare effects: inout [Effect]) {
        ensureCompare()
        var c = compare!
        compare = nil  // one owner while streaming text is appended: no copy of the columns' text
        let asked = updateCompare(state: &c, event: event)
        compare = c
        perform(asked, effects: &effects)
    }

    mutating func send(_ event: TranslateEvent, toPad effects: inout [Effect]) {
        let asked = updateTranslatePad(state: &translatePad, event: event)
        perform(asked, effects: &effects)
    }

    /// Applies a chat event (making the screen first if needed) and carries out what it asks for.
    mutating func send(_ event: ChatEvent, toChat effects: inout [Effect]) {
        ensureChat()
        var c = chat!
        chat = nil  // one owner while the reply is appended
        let asked = updateChat(state: &c, event: event)
        chat = c
        perform(asked, effects: &effects)
    }

    mutating func perform(_ asked: [ChatEffect], effects: inout [Effect]) {
        var saves = false
        for effect in asked {
            switch effect {
            case .startReply(let snapshot):
                effects.append(.startCompletion(.chat(snapshot.id), snapshot))
                startedRun(effects: &effects)
            case .cancelRequest(let id): effects.append(.cancelRequest(.chat(id)))
            case .tokenize(let word, let engine):
                effects.append(.tokenize(text: word, engine: engine, purpose: .chatBiasWord(word)))
            case .copyToClipboard(let text): effects.append(.copyToClipboard(text))
            case .save: saves = true
            case .refreshCredits: effects.append(.refreshCredits)
            }
        }
        if saves { effects.append(.saveSession(session)) }  // the runtime saves the screens' sessions with it
    }

    /// Applies an image screen event and carries out what it asks for.
    mutating func send(_ event: ImageEvent, toImage effects: inout [Effect]) {
        let asked = updateImageScreen(state: &image, event: event)
        var started = false
        for effect in asked {
            switch effect {
            case .generate(let id, let engine, let request, let startImage, let directory):
                effects.append(.generateImages(.image(id), engine: engine, request, startImage: startImage,
                                               directory: directory))
                started = true
            case .cancelRequest(let id): effects.append(.cancelRequest(.image(id)))
            case .refreshCredits: effects.append(.refreshCredits)
            }
        }
        if started { startedRun(effects: &effects) }
    }

    /// Applies a history screen event and carries out what it asks for (the database is the runtime's).
    mutating func send(_ event: HistoryEvent, toHistory effects: inout [Effect]) {
        for effect in updateHistory(state: &history, event: event) {
            switch effect {
            case .query(let serial, let query): effects.append(.queryHistory(serial: serial, query))
            case .setStarred(let id, let starred): effects.append(.starRun(id: id, starred: starred))
            case .delete(let id): effects.append(.deleteRun(id: id))
            case .restore(let run, let andRun): restore(run, andRun: andRun, effects: &effects)
            }
        }
    }

    /// Compare columns run as ordinary completions; a column's request id brings its answers back to it.
    mutating func perform(_ asked: [CompareEffect], effects: inout [Effect]) {
        var started = false
        for effect in asked {
            switch effect {
            case .startCompletion(_, var snapshot):
                snapshot.parameters.n = 1  // a column shows one answer
                effects.append(.startCompletion(.compare(snapshot.id), snapshot))
                started = true
            case .cancelRequest(let id): effects.append(.cancelRequest(.compare(id)))
            case .refreshCredits: effects.append(.refreshCredits)
            case .promoteToPlayground(let variant): promote(variant, effects: &effects)
            case .copyToClipboard(let text): effects.append(.copyToClipboard(text))
            }
        }
        if started { startedRun(effects: &effects) }
    }

    mutating func perform(_ asked: [TranslateEffect], effects: inout [Effect]) {
        var started = false
        for effect in asked {
            switch effect {
            case .translate(let id, _, let engine, let request):
                effects.append(.translate(.translate(id), engine: engine, request))
                started = true
            case .startCompletion(let snapshot):
                effects.append(.startCompletion(.translate(snapshot.id), snapshot))
                started = true
            case .cancelRequest(let id): effects.append(.cancelRequest(.translate(id)))
            case .copyToClipboard(let text):
                effects.append(.copyToClipboard(text))
                let lines = translatePad.translations.compactMap { $0 }.count
                translatePad.notice = Notice("copied \(lines) translation\(lines == 1 ? "" : "s")")
            case .refreshCredits: effects.append(.refreshCredits)
            }
        }
        if started { startedRun(effects: &effects) }
    }

    /// A compare or scratchpad run began: the status bar's cost now measures it, not the playground's last run.
    mutating func startedRun(effects: inout [Effect]) {
        if creditsBeforeRequest == nil || !playground.phase.isInFlight { creditsBeforeRequest = credits }
        creditsChange = nil
        startSpinner(effects: &effects)
    }

    /// The compare column waiting for this request, if any.
    func compareColumnID(forRequest id: Int) -> Int? {
        compare?.columns.first { $0.phase.requestID == id }?.id
    }

    /// Hands a reply to the screen whose request it answers; a screen that is not open (no compare screen yet)
    /// gets nothing, and each screen drops a serial it no longer waits for.
    mutating func route(_ event: Event, to request: RequestKey, effects: inout [Effect]) {
        switch (request.screen, event) {
        case (.playground, _):
            toPlayground(event, effects: &effects)
        case (.compare, .creditsMeasured(_, let change)):
            // The column's stream has ended: its last request, not its phase, says which column it was.
            guard let column = compare?.columns.first(where: { $0.lastRequestID == request.serial }) else { return }
            send(.creditsMeasured(columnID: column.id, requestID: request.serial, change: change), toCompare: &effects)
        case (.compare, _):
            // Extra answers (n > 1) have no column to go to.
            guard let column = compareColumnID(forRequest: request.serial) else { return }
            let id = request.serial
            switch event {
            case .streamChunk(_, 0, let text): send(.chunk(columnID: column, requestID: id, text: text), toCompare: &effects)
            case .streamFinished(_, let stats):
                send(.finished(columnID: column, requestID: id, stats: stats), toCompare: &effects)
            case .requestFailed(_, let message, let status):
                send(.failed(columnID: column, requestID: id, message: message, status: status), toCompare: &effects)
            case .retrying(_, let note): send(.retrying(columnID: column, requestID: id, note: note), toCompare: &effects)
            default: break
            }
        case (.translate, _):
            let id = request.serial
            switch event {
            case .streamChunk(_, 0, let text): send(.completionChunk(requestID: id, text: text), toPad: &effects)
            case .streamFinished(_, let stats): send(.completionFinished(requestID: id, stats: stats), toPad: &effects)
            case .requestFailed(_, let message, let status):
                send(.requestFailed(requestID: id, message: message, status: status), toPad: &effects)
            case .translated(_, let answer): send(.translated(requestID: id, answer: answer), toPad: &effects)
            case .creditsMeasured(_, let change): send(.creditsMeasured(requestID: id, change: change), toPad: &effects)
            default: break
            }
        case (.chat, _):
            guard chat != nil else { return }
            let id = request.serial
            switch event {
            case .streamChunk(_, 0, let text): send(.chunk(requestID: id, text: text), toChat: &effects)
            case .streamFinished(_, let stats): send(.finished(requestID: id, stats: stats), toChat: &effects)
            case .requestFailed(_, let message, let status):
                send(.failed(requestID: id, message: message, status: status), toChat: &effects)
            case .retrying(_, let note): send(.retrying(requestID: id, note: note), toChat: &effects)
            default: break
            }
        case (.image, _):
            let id = request.serial
            switch event {
            case .imagesSaved(_, let paths): send(.saved(requestID: id, paths: paths), toImage: &effects)
            case .requestFailed(_, let message, let status):
                send(.failed(requestID: id, message: message, status: status), toImage: &effects)
            case .retrying(_, let note): send(.retrying(requestID: id, note: note), toImage: &effects)
            case .creditsMeasured(_, let change): send(.creditsMeasured(requestID: id, change: change), toImage: &effects)
            default: break
            }
        case (.history, _):
            break  // the history screen sends no request of its own: a re-run goes out from the run's screen
        }
    }

    /// Stops everything running in every mode (quitting while busy).
    mutating func cancelEverything(effects: inout [Effect]) {
        playground.cancelRequest(effects: &effects)
        if compare?.isRunning == true { send(.cancelAll, toCompare: &effects) }
        if translatePad.isTranslating { send(.cancel, toPad: &effects) }
        if chat?.isReplying == true { send(.key(KeyPress(.escape)), toChat: &effects) }
        if image.isRunning { send(.cancel, toImage: &effects) }
    }

    // MARK: Keys, pastes, clicks

    /// A key for the screen shown (help, quit and F2/F3 were handled before); a run key passes the budget first.
    mutating func handleScreenKey(_ key: KeyPress, effects: inout [Effect]) {
        guard budgetAllows(key) else { return }
        dispatchToScreen(key, effects: &effects)
    }

    mutating func dispatchToScreen(_ key: KeyPress, effects: inout [Effect]) {
        switch mode {
        case .playground:
            toPlayground(.key(key), effects: &effects)
        case .compare:
            if key.key == .escape, compare?.isRunning != true, compare?.sweepInput == nil {
                switchMode(to: .playground)
                return
            }
            send(.key(key), toCompare: &effects)
        case .translate:
            if key.key == .escape, key.modifiers.isEmpty, translatePad.picker == nil, !translatePad.isTranslating {
                switchMode(to: .playground)
                return
            }
            send(.key(key), toPad: &effects)
        case .chat:
            if key.key == .escape, key.modifiers.isEmpty, let c = chat, !c.isReplying, c.editingTurn == nil,
               !c.phase.isFailure, c.parameterPane.input == nil {
                switchMode(to: .playground)
                return
            }
            send(.key(key), toChat: &effects)
        case .image:
            if key.key == .escape, key.modifiers.isEmpty, image.input == nil, !image.isRunning {
                switchMode(to: .playground)
                return
            }
            send(.key(key), toImage: &effects)
        case .history:
            if key.key == .escape, key.modifiers.isEmpty, history.view == .list, history.search.text.isEmpty {
                switchMode(to: .playground)
                return
            }
            send(.key(key), toHistory: &effects)
        }
    }

    /// A paste: the scratchpad's into its source; the compare screen has no text input (its prompt is the
    /// playground's), so a paste there goes into the playground's prompt too.
    mutating func handleScreenPaste(_ text: String, effects: inout [Effect]) {
        if mode == .translate { return send(.paste(text), toPad: &effects) }
        if mode == .chat { return send(.paste(text), toChat: &effects) }
        if mode == .image { return send(.paste(text), toImage: &effects) }
        if mode == .history { return send(.paste(text), toHistory: &effects) }
        toPlayground(.paste(text), effects: &effects)
        if mode == .compare, compare?.isRunning == false { compare?.prompt = playground.editor.text }
    }

    /// The playground takes its own clicks; clicks focus a compare column; the wheel scrolls the focused column or
    /// the scratchpad.
    mutating func handleScreenMouse(_ mouse: MouseEvent, effects: inout [Effect]) {
        switch (mode, mouse.action) {
        case (.playground, _): toPlayground(.mouse(mouse), effects: &effects)
        case (.compare, .press):
            guard let c = compare else { return }
            let frames = CompareLayout(area: modeRect, state: c).columnFrames
            if let index = frames.firstIndex(where: { $0?.contains(x: mouse.x, y: mouse.y) ?? false }) {
                send(.focusColumn(index: index), toCompare: &effects)
            }
        case (.compare, .wheelUp): send(.key(KeyPress(.up)), toCompare: &effects)
        case (.compare, .wheelDown): send(.key(KeyPress(.down)), toCompare: &effects)
        case (.translate, .wheelUp): send(.key(KeyPress(.pageUp)), toPad: &effects)
        case (.translate, .wheelDown): send(.key(KeyPress(.pageDown)), toPad: &effects)
        case (.chat, _): if chat != nil { send(.mouse(mouse), toChat: &effects) }
        case (.history, .press): send(.click(x: mouse.x, y: mouse.y), toHistory: &effects)
        case (.history, .wheelUp): send(.key(KeyPress(.up)), toHistory: &effects)
        case (.history, .wheelDown): send(.key(KeyPress(.down)), toHistory: &effects)
        default: break
        }
    }

    /// Whether the screen shown has a text field that takes typed characters now (`?` is then text, not help).
    var screenTakesTyping: Bool {
        switch mode {
        case .playground: return playground.takesTyping
        case .compare: return compare?.sweepInput != nil
        case .translate: return true
        case .chat: return chat.map { $0.takesTyping } ?? false
        case .image: return image.takesTyping
        case .history: return history.takesTyping
        }
    }


    // MARK: Help and the status bar

    /// What help lists on the screen shown: the shared keys, then the screen's tables, then help's own.
    public var helpGroups: [HelpGroup] {
        let shared = Self.appKeys.helpGroup
        let screen: [HelpGroup]
        switch mode {
        case .playground: screen = PlaygroundState.helpGroups
        case .compare: screen = [CompareState.keys.helpGroup, CompareState.sweepKeys.helpGroup]
        case .translate: screen = TranslatePadState.helpGroups
        case .chat: screen = ChatState.helpGroups
        case .image: screen = ImageScreenState.helpGroups
        case .history: screen = HistoryState.helpGroups
        }
        return [shared] + screen + [Self.helpKeys.helpGroup]
    }

    /// The status bar's hints: the screen's, then the shared ones.
    public var hints: [String] {
        let screen: [String]
        switch mode {
        case .playground: screen = playground.hints
        case .compare: screen = compare.map { CompareState.keys.hints(in: $0) } ?? []
        case .translate: screen = TranslatePadState.keys.hints(in: translatePad)
        case .chat: screen = chat?.hints ?? []
        case .image: screen = ImageScreenState.keys.hints(in: image)
        case .history: screen = history.hints
        }
        if let forecast = forecastHint(), let run = runHint, let at = screen.firstIndex(of: run) {
            return Array(screen[...at]) + [forecast] + screen[(at + 1)...] + Self.appKeys.hints(in: self)
        }
        return screen + Self.appKeys.hints(in: self)
    }

    /// Draws the screen shown into the area above the status bar.
    func renderScreen(into grid: inout CellGrid) {
        switch mode {
        case .playground: renderPlayground(playground, in: modeRect, backendProblem: backendProblem, into: &grid)
        case .compare: if let compare { renderCompare(compare, in: modeRect, into: &grid) }
        case .translate: renderTranslatePad(translatePad, in: modeRect, into: &grid)
        case .chat: if let chat { renderChat(chat, in: modeRect, into: &grid) }
        case .image: renderImageScreen(image, in: modeRect, into: &grid)
        case .history: renderHistory(history, in: modeRect, into: &grid)
        }
    }

    /// The backend the screen shown works with (the scratchpad may translate elsewhere).
    var screenBackendName: String { mode == .translate ? translatePad.backend : backendName }

    /// What the left end names besides the backend: the engine, or the mode and what it works with.
    var screenLabel: String {
        switch mode {
        case .playground: return playground.engine.qualifiedID
        case .compare: return "compare \(compare?.columns.count ?? 0) columns"
        case .translate: return "translate \(translatePad.engine)"
        case .chat: return "chat \(chat?.engine.id ?? "")"
        case .image:
            if case .available(let engine) = image.availability { return "image \(engine)" }
            return "image (no image engine)"
        case .history:
            return "history" + (history.search.text.isEmpty ? "" : " \"\(history.search.text)\"")
        }
    }

    func screenRequestState(spinner spinnerFrames: [Character]) -> (String, String, ThemeRole) {
        let frame = String(spinnerFrames[spinnerFrame % spinnerFrames.count])
        switch mode {
        case .playground: break
        case .compare:
            let columns = compare?.columns ?? []
            let running = columns.filter(\.phase.isInFlight).count
            let failed = columns.filter { $0.errorMessage != nil }.count
            if running > 0 { return (frame, "streaming \(running)/\(columns.count)", .spinner) }
            if failed > 0 { return ("✗", "\(failed) failed", .error) }
            return ("●", "idle", .statusBar)
        case .chat:
            switch chat?.phase ?? .idle {
            case .waiting: return (frame, "waiting", .spinner)
            case .streaming: return (frame, "replying", .spinner)
            case .failed(_, let status): return ("✗", status.map { "error \($0)" } ?? "error", .error)
            case .idle: return ("●", "idle", .statusBar)
            }
        case .translate:
            if translatePad.isTranslating { return (frame, "translating", .spinner) }
            if translatePad.notice?.isError == true { return ("✗", "error", .error) }
            return ("●", "idle", .statusBar)
        case .history:
            if history.problem != nil { return ("✗", "history error", .error) }
            if history.isLoading { return (frame, "searching", .spinner) }
            return ("●", "idle", .statusBar)
        case .image:
            if image.isRunning { return (frame, "generating", .spinner) }
            if image.notice?.isError == true { return ("✗", "error", .error) }
            return ("●", "idle", .statusBar)
        }
        switch playground.phase {
        case .idle where backendProblem != nil: return ("✗", "unreachable", .error)
        case .idle: return ("●", "idle", .statusBar)
        case .waiting: return (frame, "waiting", .spinner)
        case .streaming: return (frame, "streaming", .spinner)
        case .failed(_, let status): return ("✗", status.map { "error \($0)" } ?? "error", .error)
        }
    }

}
