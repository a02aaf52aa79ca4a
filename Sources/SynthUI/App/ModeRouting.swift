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
                effects.append(.startCompletion(.compare(snapshot.id), snapshot))
                started = true
            case .cancelRequest(let id): effects.append(.cancelRequest(.compare(id)))
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
            default: break
            }
        }
    }

    /// Stops everything running in every mode (quitting while busy).
    mutating func cancelEverything(effects: inout [Effect]) {
        playground.cancelRequest(effects: &effects)
        if compare?.isRunning == true { send(.cancelAll, toCompare: &effects) }
        if translatePad.isTranslating { send(.cancel, toPad: &effects) }
    }
}
