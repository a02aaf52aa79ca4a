// The compare screen and the scratchpad have their own pure update functions: events reach them from here, and
// what they ask for is turned into the app's effects. API answers find their mode by request id.
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

    /// Compare columns run as ordinary completions; a column's request id brings its answers back to it.
    mutating func perform(_ asked: [CompareEffect], effects: inout [Effect]) {
        var started = false
        for effect in asked {
            switch effect {
            case .startCompletion(_, var snapshot):
                snapshot.parameters.n = 1  // a column shows one answer
                effects.append(.startCompletion(snapshot))
                started = true
            case .cancelRequest(let id): effects.append(.cancelRequest(id: id))
            case .refreshCredits: effects.append(.refreshCredits)
            case .promoteToPlayground(let variant): promote(variant, effects: &effects)
            }
        }
        if started { startedRun(effects: &effects) }
    }

    mutating func perform(_ asked: [TranslateEffect], effects: inout [Effect]) {
        var started = false
        for effect in asked {
            switch effect {
            case .translate(let id, _, let engine, let request):
                effects.append(.translate(requestID: id, engine: engine, request: request))
                started = true
            case .startCompletion(let snapshot):
                effects.append(.startCompletion(snapshot))
                started = true
            case .cancelRequest(let id): effects.append(.cancelRequest(id: id))
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

    /// Routes a streamed chunk to the mode whose request it belongs to; false for the playground's own.
    mutating func routeChunk(requestID id: Int, index: Int, text: String, effects: inout [Effect]) -> Bool {
        switch RequestIDRange.mode(of: id) {
        case .playground: return false
        case .compare:
            // Extra answers (n > 1) have no column to go to.
            if index == 0, let column = compareColumnID(forRequest: id) {
                send(.chunk(columnID: column, requestID: id, text: text), toCompare: &effects)
            }
        case .translate:
            if index == 0 { send(.completionChunk(requestID: id, text: text), toPad: &effects) }
        }
        return true
    }

    mutating func routeFinished(requestID id: Int, stats: CompletionStats, effects: inout [Effect]) -> Bool {
        switch RequestIDRange.mode(of: id) {
        case .playground: return false
        case .compare:
            if let column = compareColumnID(forRequest: id) {
                send(.finished(columnID: column, requestID: id, stats: stats), toCompare: &effects)
            }
        case .translate: send(.completionFinished(requestID: id, stats: stats), toPad: &effects)
        }
        return true
    }

    mutating func routeFailure(requestID id: Int, message: String, status: Int?, effects: inout [Effect]) -> Bool {
        switch RequestIDRange.mode(of: id) {
        case .playground: return false
        case .compare:
            if let column = compareColumnID(forRequest: id) {
                send(.failed(columnID: column, requestID: id, message: message, status: status), toCompare: &effects)
            }
        case .translate: send(.requestFailed(requestID: id, message: message, status: status), toPad: &effects)
        }
        return true
    }

    /// Stops everything running in every mode (quitting while busy).
    mutating func cancelEverything(effects: inout [Effect]) {
        playground.cancelRequest(effects: &effects)
        if compare?.isRunning == true { send(.cancelAll, toCompare: &effects) }
        if translatePad.isTranslating { send(.cancel, toPad: &effects) }
    }
}
