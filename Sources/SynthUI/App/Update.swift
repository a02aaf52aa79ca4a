// The app's update: what every screen shares (help, quitting, switching screens, credits, the spinner), and the
// routing of every other event to the screen it belongs to. Pure: no clocks, no I/O.
import SynthKit

/// Applies one event to the state and returns what the runtime should do about it.
public func update(state: inout AppState, event: Event) -> [Effect] {
    var effects: [Effect] = []
    switch event {
    case .key(let key): state.handle(key: key, effects: &effects)
    case .paste(let text): state.handleScreenPaste(text, effects: &effects)
    case .mouse(let mouse):
        if state.showHelp || state.confirmingQuit {
            if mouse.action == .press { state.showHelp = false }
        } else {
            state.handleScreenMouse(mouse, effects: &effects)
        }
    case .resize(let columns, let rows): state.resize(columns: columns, rows: rows)
    case .tick(let now):
        state.handleSpinner(tick: now, effects: &effects)
        state.toPlayground(event, effects: &effects)
    case .tokenized(.chatBiasWord(let word), let tokens):
        state.send(.biasWordTokenized(word, tokens: tokens), toChat: &effects)
    case .tokenizeFailed(.chatBiasWord(let word), let message):
        state.send(.biasWordFailed(word, message: message), toChat: &effects)
    case .tokenized, .tokenizeFailed, .editorFinished: state.toPlayground(event, effects: &effects)
    case .streamFinished(let request, let stats):
        state.chargeFinished(request, stats: stats)
        state.route(event, to: request, effects: &effects)
    case .requestFailed(let request, _, _):
        state.pricedRequests[request] = nil  // what a failed request cost is not known
        state.route(event, to: request, effects: &effects)
    case .streamChunk(let request, _, _),
         .retrying(let request, _), .translated(let request, _), .imagesSaved(let request, _),
         .continuationScored(let request, _):
        state.route(event, to: request, effects: &effects)
    case .streamTokens(let request, let index, let text, _):
        // Only the playground inspects tokens; any other screen takes the text.
        state.route(request.screen == .playground ? event : .streamChunk(request: request, index: index, text: text),
                    to: request, effects: &effects)
    case .enginesListed(let listed): state.adoptEngines(listed)
    case .backendReachability(let problem):
        state.backendProblem = problem
    case .historyProblem(let message):
        state.showHistoryProblem(message)
    case .creditsRefreshed(let credits):
        if let credits, let before = state.creditsBeforeRequest { state.creditsChange = credits - before }
        state.credits = credits
        state.noteBalance(credits)
        state.creditsBeforeRequest = nil
    case .creditsMeasured(let request, let change): state.route(event, to: request, effects: &effects)
    case .compare(let event): state.send(event, toCompare: &effects)
    case .tokenPriceListed(let price): state.learnTokenPrice(price)
    case .translate(let event): state.send(event, toPad: &effects)
    case .chat(let event): state.send(event, toChat: &effects)
    case .presetsListed(let presets, let saved):
        state.playground.presets = presets
        if let saved { state.playground.parameterNotice = Notice("saved preset \(saved) (Ctrl-P lists it)") }
    case .presetFailed(let message): state.playground.parameterNotice = Notice(message, isError: true)
    case .exported(let path): state.tellScreen(Notice("exported to \(path)"))
    case .exportFailed(let message): state.tellScreen(Notice(message, isError: true))
    case .parametersRefused(let backend, let fields):
        state.playground.refusedParameters[backend] = fields
        state.playground.markRefusedParameters()
    case .image(let event): state.send(event, toImage: &effects)
    case .history(let event): state.send(event, toHistory: &effects)
    }
    state.notePricedRequests(effects)
    return effects
}

extension AppState {
    static let spinnerInterval = 0.1

    /// Hands an event to the playground; a run it starts begins the status bar's measure of cost and the spinner.
    mutating func toPlayground(_ event: Event, effects: inout [Effect]) {
        let asked = updatePlayground(state: &playground, event: event)
        effects += asked
        if asked.contains(where: { if case .startCompletion = $0 { true } else { false } }) {
            startedRun(effects: &effects)
        }
    }

    // MARK: Keys every screen shares

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
        if pendingSpend != nil, key != .ctrl("q") {
            answerSpend(key, effects: &effects)
            return
        }
        if showHelp {
            // Help's own keys turn its pages; any other key closes it (the key that opened it too). Ctrl-C and Ctrl-Q
            // still do their job.
            let pages = HelpOverlay.pages(self).count
            switch Self.helpKeys.action(for: key, in: self) {
            case .nextPage where helpPage + 1 < pages: helpPage += 1; return
            case .previousPage where helpPage > 0: helpPage -= 1; return
            default: break
            }
            showHelp = false
            if key != .ctrl("c"), key != .ctrl("q") { return }
        }
        switch Self.appKeys.action(for: key, in: self) {
        case .help:
            showHelp = true
            helpPage = 0
        case .quit: quit(effects: &effects)
        case .compare: toggleMode(.compare)
        case .translate: toggleMode(.translate)
        case .show(let screen):
            switchMode(to: screen)
            if screen == .history { send(.opened, toHistory: &effects) }  // runs may have ended since
        case .export(let format): exportScreen(format, effects: &effects)
        case .copyExport: copyScreen(effects: &effects)
        case nil: handleScreenKey(key, effects: &effects)
        }
    }

    /// The server's own engine list replaces the catalogue's guess in every picker; an engine a screen runs that
    /// the list lacks stays (it was asked for by name), so nothing the user chose silently changes.
    mutating func adoptEngines(_ listed: [EngineChoice]) {
        // Names the app already had (the catalogue's "GPT-J 6B") read better than the bare ids a server lists.
        let listed = listed.map { engine in
            var named = engine
            if let known = engines.first(where: { $0.id == engine.id }) { named.displayName = known.displayName }
            return named
        }
        let current = playground.engine
        // Engines of the other backends (`--with`) stay: this list is the main backend's.
        let others = engines.filter { $0.backend != nil }
        let main = listed.contains(current) || listed.contains(where: { $0.id == current.id }) || current.backend != nil
            ? listed : listed + [current]
        engines = main + others
        playground.engines = engines
        playground.engineIndex = engines.firstIndex { $0.qualifiedID == current.qualifiedID } ?? 0
        compare?.engines = engines
        if chat != nil { _ = updateChat(state: &chat!, event: .setEngines(chatEngines)) }
    }

    mutating func quit(effects: inout [Effect]) {
        if isBusy {
            confirmingQuit = true
            return
        }
        effects.append(.saveSession(session))
        effects.append(.quit)
    }

    // MARK: Size and time

    mutating func resize(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        playground.resize(to: Self.screenArea(columns: self.columns, rows: self.rows))
        resizeModes()
    }

    /// The spinner turns while anything runs on any screen.
    mutating func handleSpinner(tick now: Double, effects: inout [Effect]) {
        clock = now
        let spins = isBusy && (spinnerDue.map({ now >= $0 - 0.001 }) ?? true)
        if spins {
            spinnerFrame += 1
            spinnerDue = now + AppState.spinnerInterval
            effects.append(.scheduleTick(after: AppState.spinnerInterval))
        } else if !isBusy {
            spinnerDue = nil
        } else if let due = spinnerDue {
            // A tick that was not the spinner's used up the runtime's one deadline: ask again for this one.
            effects.append(.scheduleTick(after: max(0.001, due - now)))
        }
    }

    mutating func startSpinner(effects: inout [Effect]) {
        spinnerDue = clock + AppState.spinnerInterval
        effects.append(.scheduleTick(after: AppState.spinnerInterval))
    }
}
