// Everything the playground shows, as one value. `update` changes it; views read it.
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

/// A one-line input opened over the parameters pane.
public struct ParameterInput: Sendable, Equatable {
    public enum Target: Sendable, Equatable {
        case value(ParameterSpec)
        case biasValue(token: Int)
        case stopString
        case biasWord
    }
    public var target: Target
    public var line: PromptEditor
    public init(target: Target, text: String = "") {
        self.target = target
        self.line = PromptEditor(text: text)
    }
}

public struct AppState: Sendable, Equatable {
    public var columns: Int
    public var rows: Int
    public var focus: Pane = .prompt

    // Prompt pane.
    public var editor: PromptEditor
    /// Tokens in the prompt, from the last tokenize answer that matched the current text.
    public var promptTokens: Int?
    public var promptTokensRevision: Int?

    // Parameters pane.
    public var parameters: ParameterValues
    public var parameterCursor: Int = 0
    public var parameterInput: ParameterInput?
    public var parameterNotice: Notice?
    /// The slider row being dragged with the mouse.
    var draggingRow: Int?

    // Output pane.
    public var outputs: [OutputDocument] = []
    public var outputTab: Int = 0
    /// First visible line of the current tab's output.
    public var outputScroll: Int = 0
    /// True while the view sticks to the end of the streaming text.
    public var outputFollows: Bool = true
    public var stats: CompletionStats?

    // Request and account.
    public var phase: RequestPhase = .idle
    /// Why the request in flight has shown nothing yet: it failed and will be tried again.
    public var retryNote: String?
    /// Why the backend cannot be reached, while it cannot (from the engine list, credits, or a request).
    public var backendProblem: String?
    /// The last request was cancelled by the user (its partial output stays).
    public var lastRequestCancelled: Bool = false
    public var nextRequestID: Int = 1
    public var credits: Double?
    /// Credits used by the last request (negative = spent).
    public var creditsChange: Double?
    var creditsBeforeRequest: Double?
    /// What a token costs on this backend, when the backend says (synthpad's local engine does; the TextSynth cloud
    /// publishes no price list). Compare columns and the scratchpad show credits spent from it.
    public var tokenPrice: TokenPrice?

    // Backend and engine.
    public var backendName: String
    public var engines: [EngineChoice]
    public var engineIndex: Int

    // Modes: the compare screen is made from the playground the first time it opens.
    public var mode: AppMode = .playground
    public var compare: CompareState?
    public var translatePad: TranslatePadState

    // Overlays and time.
    public var showHelp: Bool = false
    /// Ctrl-Q pressed while a request was in flight: asking before quitting.
    public var confirmingQuit: Bool = false
    public var spinnerFrame: Int = 0
    /// The last time a tick brought (seconds, monotonic).
    public var clock: Double = 0
    var spinnerDue: Double?
    var tokenizeDue: Double?
    var saveDue: Double?

    /// - Parameters:
    ///   - backendName: shown in the status bar and saved in the session ("textsynth", "local", "booste").
    ///   - engines: what F4 cycles through (and the compare screen's columns); must not be empty.
    ///   - engine: the id to start with (falls back to the first engine).
    public init(columns: Int = 80, rows: Int = 24, backendName: String, engines: [EngineChoice], engine: String? = nil,
                prompt: String = "", parameters: ParameterValues = ParameterValues()) {
        self.columns = columns
        self.rows = rows
        self.backendName = backendName
        self.engines = engines.isEmpty ? EngineChoice.textSynthEngines : engines
        self.engineIndex = self.engines.firstIndex { $0.id == engine } ?? 0
        self.editor = PromptEditor(text: prompt)
        self.parameters = parameters
        self.translatePad = TranslatePadState(backend: backendName, firstRequestID: RequestIDRange.translate)
        revealPromptCursor()
    }

    /// Restores a saved session (the engine is kept only if this backend offers it). `backendName` replaces the
    /// session's when the user now runs against another backend.
    public init(columns: Int = 80, rows: Int = 24, session: Session, engines: [EngineChoice], backendName: String? = nil) {
        var values = ParameterValues(sampling: session.parameters, biasWords: session.biasWords)
        values.booste.length = session.boosteLength
        values.booste.temperature = session.boosteTemperature
        values.booste.windowMax = session.boosteWindowMax
        self.init(columns: columns, rows: rows, backendName: backendName ?? session.backend, engines: engines,
                  engine: session.engine,
                  prompt: session.prompt, parameters: values)
        let width = Layout(columns: columns, rows: rows).outputTextWidth
        outputs = session.outputs.map {
            var doc = OutputDocument(promptTail: session.outputEcho ?? "", width: width)
            doc.append($0)
            return doc
        }
        outputTab = min(max(0, session.selectedOutput), max(0, outputs.count - 1))
        // Saved mid-stream (the process was killed): say so, as a cancelled run does.
        lastRequestCancelled = session.outputsInterrupted == true && !outputs.isEmpty
    }

    public var engine: EngineChoice { engines[engineIndex] }

    /// The session to save now: prompt, parameters, engine and outputs. Never a key.
    public var session: Session {
        Session(backend: backendName, engine: engine.id, prompt: editor.text, parameters: parameters.sampling,
                booste: parameters.booste, biasWords: parameters.biasWords,
                outputs: outputs.map(\.completion), selectedOutput: outputTab,
                outputEcho: outputs.first?.echo,
                outputsInterrupted: phase.isInFlight ? true : nil)
    }

    /// The parameter rows for the current engine, with whether each applies.
    public var parameterRows: [(row: ParameterRow, enabled: Bool)] {
        ParameterRow.rows(for: engine.family, values: parameters)
    }

    public var currentOutput: OutputDocument? { outputs.indices.contains(outputTab) ? outputs[outputTab] : nil }
}
