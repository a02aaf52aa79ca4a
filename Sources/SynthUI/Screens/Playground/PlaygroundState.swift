// The playground screen as one value: the prompt, the parameters, the answers and where the request stands.
import SynthKit

/// The panes focus moves between, in Tab order.
public enum Pane: Int, Sendable, CaseIterable, Codable {
    case prompt, parameters, output
}

/// Where the current (or last) request stands.
public enum RequestPhase: Sendable, Equatable {
    case idle
    /// Sent, nothing back yet.
    case waiting(id: Int)
    case streaming(id: Int)
    case failed(message: String, status: Int?)

    public var requestID: Int? {
        switch self {
        case .waiting(let id), .streaming(let id): return id
        default: return nil
        }
    }
    public var isInFlight: Bool { requestID != nil }
}

/// A line of feedback in the parameters pane (a rejected value, a tokenize result).
public struct Notice: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    public init(_ text: String, isError: Bool = false) {
        self.text = text
        self.isError = isError
    }
}

public struct PlaygroundState: Sendable, Equatable {
    /// The screen area the playground draws in (above the status bar).
    public internal(set) var area: Rect
    public var focus: Pane = .prompt

    // Prompt pane.
    public var editor: PromptEditor
    /// Tokens in the prompt, from the last tokenize answer that matched the current text.
    public var promptTokens: Int?
    public var promptTokensRevision: Int?

    // Parameters pane.
    public var parameterPane: ParameterPane
    public var parameters: ParameterValues {
        get { parameterPane.values }
        set { parameterPane.values = newValue }
    }
    public var parameterCursor: Int {
        get { parameterPane.cursor }
        set { parameterPane.cursor = newValue }
    }
    public var parameterInput: ParameterInput? {
        get { parameterPane.input }
        set { parameterPane.input = newValue }
    }
    public var parameterNotice: Notice? {
        get { parameterPane.notice }
        set { parameterPane.notice = newValue }
    }

    /// The presets Ctrl-P offers (built in and the user's files, given by the runtime), and the list when open.
    public var presets: [Preset] = Preset.builtIn
    public var presetPicker: PresetPicker?
    /// Ctrl-G: candidate continuations ranked by `/logprob`, when open.
    public var scorer: ContinuationScorer?
    /// Sampling fields each backend refused (by backend name): shown off, with why, while its engine is chosen.
    public var refusedParameters: [String: [String]] = [:]

    // Output pane.
    public var outputs: [OutputDocument] = []
    public var outputTab: Int = 0
    /// First visible line of the current tab's output.
    public var outputScroll: Int = 0
    /// True while the view sticks to the end of the streaming text.
    public var outputFollows: Bool = true
    public var stats: CompletionStats?
    /// The first tab the request in flight writes to: 0 for F5 (which replaces the answers), the new tab's index for
    /// an answer made from another (a branch, a ban, a boost).
    public var streamBase: Int = 0
    /// Ctrl-T: tokens coloured by probability, a cursor over them, alternatives, branches.
    public var inspector = TokenInspector()

    // The request.
    public var phase: RequestPhase = .idle
    /// Why the request in flight has shown nothing yet: it failed and will be tried again.
    public var retryNote: String?
    /// The last request was cancelled by the user (its partial output stays).
    public var lastRequestCancelled: Bool = false
    public var nextRequestID: Int = 1

    // Backend and engine: the backend's engines, and the one this screen runs.
    public var backendName: String
    public var engines: [EngineChoice]
    public var engineIndex: Int

    // Time: the last tick, and what is waiting for one (debounced token count and autosave).
    public var clock: Double = 0
    var tokenizeDue: Double?
    var saveDue: Double?

    /// - Parameters:
    ///   - backendName: shown in the status bar and saved in the session ("textsynth", "local", "booste").
    ///   - engines: what F4 cycles through; must not be empty (the TextSynth catalogue stands in for an empty list).
    ///   - engine: the id to start with (falls back to the first engine).
    public init(area: Rect, backendName: String, engines: [EngineChoice], engine: String? = nil, prompt: String = "",
                parameters: ParameterValues = ParameterValues()) {
        self.area = area
        self.backendName = backendName
        self.engines = engines.isEmpty ? EngineChoice.textSynthEngines : engines
        self.engineIndex = self.engines.firstIndex { $0.id == engine } ?? 0
        self.editor = PromptEditor(text: prompt)
        self.parameterPane = ParameterPane(values: parameters)
        revealPromptCursor()
    }

    /// Restores a saved session (the engine is kept only if this backend offers it). `backendName` replaces the
    /// session's when the user now runs against another backend.
    public init(area: Rect, session: Session, engines: [EngineChoice], backendName: String? = nil) {
        var values = ParameterValues(sampling: session.parameters, biasWords: session.biasWords)
        values.booste.length = session.boosteLength
        values.booste.temperature = session.boosteTemperature
        values.booste.windowMax = session.boosteWindowMax
        self.init(area: area, backendName: backendName ?? session.backend, engines: engines, engine: session.engine,
                  prompt: session.prompt, parameters: values)
        let width = layout.outputTextWidth
        outputs = session.outputs.map {
            var doc = OutputDocument(promptTail: session.outputEcho ?? "", width: width)
            doc.append($0)
            return doc
        }
        outputTab = min(max(0, session.selectedOutput), max(0, outputs.count - 1))
        // Saved mid-stream (the process was killed): say so, as a cancelled run does.
        lastRequestCancelled = session.outputsInterrupted == true && !outputs.isEmpty
        inspector.isOn = session.inspectTokens == true
    }

    public var engine: EngineChoice { engines[engineIndex] }

    /// The session to save now: prompt, parameters, engine and outputs. Never a key.
    public var session: Session {
        Session(backend: backendName, engine: engine.id, prompt: editor.text, parameters: parameters.sampling,
                booste: parameters.booste, biasWords: parameters.biasWords,
                outputs: outputs.map(\.completion), selectedOutput: outputTab,
                outputEcho: outputs.first?.echo,
                outputsInterrupted: phase.isInFlight ? true : nil, inspectTokens: inspector.isOn ? true : nil)
    }

    /// The parameter rows for the current engine, with whether each applies.
    public var parameterRows: [(row: ParameterRow, enabled: Bool)] { parameterPane.rows(for: engine.family) }

    public var currentOutput: OutputDocument? { outputs.indices.contains(outputTab) ? outputs[outputTab] : nil }
}
