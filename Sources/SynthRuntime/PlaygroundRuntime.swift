import Foundation
import ImagePreview
import RunHistory
import TerminalBackend
import SynthKit
import SynthUI

/// The main loop: terminal input and API answers in, `update`, effects carried out, and a frame painted at once
/// after a key, otherwise at most one per 16 ms however fast text streams in. Sleeps in `poll()` with no timeout unless a tick, a frame, an unfinished escape
/// sequence or (on the TextSynth cloud) the minutely credits refresh is due. Runs on the main thread
/// (curses is not thread-safe).
final class PlaygroundRuntime {
    typealias Render = (AppState) -> CellGrid

    private(set) var state: AppState
    private let screen: TerminalScreen
    let loop: EventLoop<Event>
    private let render: Render
    private let requests: APIRequests
    private let saver: SessionSaver?
    /// The history screen's queries and changes (the history is read even when this session logs nothing).
    private let historyBrowser: HistoryBrowser
    /// Draws the pictures frames ask for (the image screen's preview).
    private let previewer: ImagePreviewer
    /// What the scratchpad copied (also sent to the terminal's clipboard).
    let clipboard = TerminalClipboard()
    private let environment: [String: String]
    private let reader: TerminalReader
    private var pacer = FramePacer()
    private var tickDeadline: ContinuousClock.Instant?
    /// The next credits refresh, when the backend has credits.
    private var creditsDeadline: ContinuousClock.Instant?
    static let creditsInterval: Duration = .seconds(60)
    private let hasCredits: Bool
    private var lastInput = ContinuousClock.now
    private let clockOrigin = ContinuousClock.now
    private var inputs: [TerminalInput] = []
    private(set) var isQuitting = false
    private(set) var framesDrawn = 0

    init(state: AppState, screen: TerminalScreen, configuration: PlaygroundConfiguration,
         environment: [String: String], render: @escaping Render) {
        self.state = state
        self.screen = screen
        self.render = render
        self.environment = environment
        loop = EventLoop(inputDescriptor: screen.inputDescriptor)
        let inbox = loop.inbox
        requests = APIRequests(configuration: configuration) { event in inbox.post(event) }
        saver = configuration.sessionPath.map(SessionSaver.init(path:))
        historyBrowser = HistoryBrowser(path: configuration.history?.path ?? HistoryStore.defaultPath) {
            inbox.post($0)
        }
        let output = screen.outputDescriptor
        previewer = ImagePreviewer(mode: configuration.graphics.resolve(environment: environment),
                                   cellPixels: { TerminalWindowSize.of(descriptor: output)?.cellPixels })
        reader = TerminalReader(keyCodes: screen.keyCodes)
        TerminalRestore.installResizeWakeup(wakeDescriptor: inbox.wakeWriteDescriptor)
        hasCredits = configuration.hasCredits
        if hasCredits { refreshCredits() }
        requests.loadEngineDirectory(translation: configuration.languageSupport == nil)
        // A restored or given prompt is counted at once, not only after the first edit.
        if state.playground.engine.family == .textSynth, !state.playground.editor.text.isEmpty {
            requests.tokenize(text: state.playground.editor.text, engine: state.playground.engine.id,
                              purpose: .promptLength(revision: state.playground.editor.revision))
        }
        pacer.markDirty()  // the first frame, at once
        if state.mode == .history { dispatch([.history(.opened)]) }  // `synthpad history`: list at once
    }

    /// Runs until the user quits or the terminal goes away. Returns the last session-save failure, if any.
    func run() -> String? {
        while !isQuitting { step() }
        requests.cancelAll()
        TerminalRestore.removeResizeWakeup()
        return saver?.finish()
    }

    /// One wait and everything it brought.
    func step() {
        let wake = loop.wait(until: nextDeadline())
        var events = wake.events
        let now = ContinuousClock.now
        // Read after every wake, not only when the terminal is readable: a SIGWINCH that landed on another
        // thread wakes us through the pipe, and curses reports the resize (KEY_RESIZE) from get_wch.
        let gotInput = readInput(into: &events, now: now)
        if !gotInput, let timeout = reader.pendingTimeoutMilliseconds, now >= lastInput + .milliseconds(timeout) {
            inputs.removeAll(keepingCapacity: true)
            reader.flush(into: &inputs)
            appendEvents(from: inputs, to: &events)
        }
        if let deadline = tickDeadline, now >= deadline {
            tickDeadline = nil
            events.append(.tick(now: monotonicSeconds(at: now)))
        }
        if let deadline = creditsDeadline, now >= deadline { refreshCredits() }
        dispatch(events)
        if wake.inputClosed {
            // The terminal is gone: keep the work, then leave.
            saver?.save(state.session)
            saver?.save(state.modesSession)
            isQuitting = true
        }
        // A key is answered with a frame at once (typing must feel instant); streamed text waits for the pacer.
        if !isQuitting, pacer.isFrameDue(at: .now) || (gotInput && pacer.isDirty) { drawFrame() }
    }

    /// The earliest of: the owed frame, the scheduled tick, the end of an escape sequence's grace period.
    func nextDeadline() -> ContinuousClock.Instant? {
        var deadline = pacer.deadline
        for due in [tickDeadline, creditsDeadline].compactMap({ $0 }) { deadline = min(deadline ?? due, due) }
        if let timeout = reader.pendingTimeoutMilliseconds {
            let settle = lastInput + .milliseconds(timeout)
            deadline = min(deadline ?? settle, settle)
        }
        return deadline
    }

    /// Reads and decodes what the terminal has; false when it had nothing.
    private func readInput(into events: inout [Event], now: ContinuousClock.Instant) -> Bool {
        inputs.removeAll(keepingCapacity: true)
        guard reader.read(from: screen, into: &inputs) else { return false }
        lastInput = now
        FrameLog.shared?.keyReceived(inputs: inputs.count)
        appendEvents(from: inputs, to: &events)
        return true
    }

    private func appendEvents(from inputs: [TerminalInput], to events: inout [Event]) {
        for input in inputs {
            if let event = input.event(screenSize: screen.size) { events.append(event) }
        }
    }

    private func drawFrame() {
        let now = ContinuousClock.now
        var grid = render(state)
        let graphics = previewer.prepare(&grid)
        screen.paint(grid, graphics: graphics)
        pacer.didDraw(at: now)
        framesDrawn += 1
    }

    // MARK: - Events and effects

    private func dispatch(_ events: [Event]) {
        // Pieces of one stream that arrived together are appended as one: `update` and the wrapping run once.
        var queue = events.mergingStreamChunks()
        var index = 0
        while index < queue.count, !isQuitting {
            let event = queue[index]
            index += 1
            switch event {
            case .streamFinished(let id, _), .requestFailed(let id, _, _), .translated(let id, _), .imagesSaved(let id, _),
                 .continuationScored(let id, _):
                requests.finished(id: id)
            default: break
            }
            let effects = update(state: &state, event: event)
            pacer.markDirty()
            for effect in effects { perform(effect, followUps: &queue) }
        }
    }

    private func perform(_ effect: Effect, followUps: inout [Event]) {
        switch effect {
        case .startCompletion(let request, let snapshot):
            requests.start(snapshot, as: request)
        case .cancelRequest(let id):
            requests.cancel(id: id)
        case .tokenize(let text, let engine, let purpose):
            requests.tokenize(text: text, engine: engine, purpose: purpose)
        case .refreshCredits:
            refreshCredits()
        case .saveSession(let session):
            saver?.save(session)
            saver?.save(state.modesSession)
        case .openEditor(let text):
            let edited = ExternalEditor.edit(text, screen: screen, environment: environment)
            followUps.append(.editorFinished(edited))
            // The terminal may have been resized while the editor had it.
            followUps.append(.resize(columns: screen.size.columns, rows: screen.size.rows))
            lastInput = .now
        case .quit:
            isQuitting = true
        case .scheduleTick(let after):
            let due = ContinuousClock.now + .milliseconds(Int64((max(0, after) * 1000).rounded(.up)))
            tickDeadline = min(tickDeadline ?? due, due)
        case .translate(let id, let engine, let request):
            requests.translate(id, engine: engine, request: request)
        case .copyToClipboard(let text):
            clipboard.copy(text)
        case .exportFile(let name, let fileExtension, let contents):
            followUps.append(Exports.save(name: name, fileExtension: fileExtension, contents: contents,
                                          environment: environment))
        case .savePreset(let preset):
            do {
                try PresetStore.save(preset)
                followUps.append(.presetsListed(try PresetStore.all(), saved: preset.name))
            } catch {
                followUps.append(.presetFailed("preset \(preset.name) not saved: \(error)"))
            }
        case .copyRequestAsCurl(let snapshot):
            if let command = requests.curl(for: snapshot) { clipboard.copy(command) }
        case .scoreContinuation(let id, let backend, let engine, let request):
            requests.scoreContinuation(id, backend: backend, engine: engine, request: request)
        case .generateImages(let id, let engine, let request, let startImage, let directory):
            requests.generateImages(id, engine: engine, request: request, startImage: startImage, directory: directory)
        case .queryHistory(let serial, let query):
            historyBrowser.query(serial: serial, query)
        case .starRun(let id, let starred):
            historyBrowser.setStarred(starred, id: id)
        case .deleteRun(let id):
            historyBrowser.delete(id: id)
        }
    }

    private func refreshCredits() {
        requests.refreshCredits()
        if hasCredits { creditsDeadline = .now + Self.creditsInterval }
    }

    /// The clock `update` sees: seconds since the playground started.
    private func monotonicSeconds(at now: ContinuousClock.Instant) -> Double {
        RequestTiming.seconds(clockOrigin.duration(to: now))
    }
}
