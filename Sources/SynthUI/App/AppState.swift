// What every screen shares — the terminal's size, the backend and its engines, credits, time, overlays — and the
// screens themselves. Each screen owns its own state, update, view and keys (Screens/*); this holds no screen's.
import SynthKit

public struct AppState: Sendable, Equatable {
    public var columns: Int
    public var rows: Int

    // Backend and account.
    public var backendName: String
    /// The engines the backend offers (each screen picks its own among them).
    public var engines: [EngineChoice]
    public var credits: Double?
    /// Credits the last run used, on whatever screen it ran (negative = spent).
    public var creditsChange: Double?
    var creditsBeforeRequest: Double?
    /// What a token costs on this backend, when the backend says (synthpad's local engine does; the TextSynth cloud
    /// publishes no price list). Compare columns and the scratchpad show credits spent from it.
    public var tokenPrice: TokenPrice?
    /// Why the backend cannot be reached, while it cannot (from the engine list, credits, or a request).
    public var backendProblem: String?

    // The screens: the one shown, and each one's state (compare is made the first time it opens).
    public var mode: AppMode = .playground
    public var playground: PlaygroundState
    public var compare: CompareState?
    public var translatePad: TranslatePadState
    /// Made the first time it opens (or from the saved conversation).
    public var chat: ChatState?
    /// The engines the backend offers for its chat endpoint (the catalogue's chat models, the local engine's);
    /// empty when nothing says, and then the chat screen offers every engine.
    public var chatEngineIDs: Set<String> = []
    public var image = ImageScreenState()
    /// The run history: browsing, search, restore and re-run.
    public var history = HistoryState()

    // The budget guard (BudgetGuard.swift).
    public var budget = Budget()
    /// The balance when the session first heard it: what the session spent is measured from it.
    var sessionStartBalance: Double?
    /// Spent on backends that report no balance, priced from the tokens their runs report.
    var pricedSpent: Double = 0
    /// Price of each priced request in flight on such a backend, charged when it ends.
    var pricedRequests: [RequestKey: TokenPrice] = [:]
    /// A run key held back until the user confirms what the request could cost.
    public var pendingSpend: PendingSpend?

    // Overlays and time.
    public var showHelp: Bool = false
    /// The help page shown, when help needs more than one at this size.
    public var helpPage: Int = 0
    /// Ctrl-Q pressed while a request was in flight: asking before quitting.
    public var confirmingQuit: Bool = false
    public var spinnerFrame: Int = 0
    /// The last time a tick brought (seconds, monotonic).
    public var clock: Double = 0
    var spinnerDue: Double?

    /// - Parameters:
    ///   - backendName: shown in the status bar and saved in the session ("textsynth", "local", "booste").
    ///   - engines: what F4 cycles through (and the compare screen's columns); must not be empty.
    ///   - engine: the id the playground starts with (falls back to the first engine).
    public init(columns: Int = 80, rows: Int = 24, backendName: String, engines: [EngineChoice], engine: String? = nil,
                prompt: String = "", parameters: ParameterValues = ParameterValues()) {
        self.columns = columns
        self.rows = rows
        self.backendName = backendName
        self.engines = engines.isEmpty ? EngineChoice.textSynthEngines : engines
        self.playground = PlaygroundState(area: Self.screenArea(columns: columns, rows: rows), backendName: backendName,
                                          engines: self.engines, engine: engine, prompt: prompt, parameters: parameters)
        self.translatePad = TranslatePadState(backend: backendName)
    }

    /// Restores a saved session into the playground. `backendName` replaces the session's when the user now runs
    /// against another backend.
    public init(columns: Int = 80, rows: Int = 24, session: Session, engines: [EngineChoice], backendName: String? = nil) {
        self.init(columns: columns, rows: rows, backendName: backendName ?? session.backend, engines: engines)
        playground = PlaygroundState(area: Self.screenArea(columns: columns, rows: rows), session: session,
                                     engines: self.engines, backendName: self.backendName)
    }

    /// The area a screen draws in for a terminal size: everything above the status bar (nothing when too small).
    static func screenArea(columns: Int, rows: Int) -> Rect {
        let layout = Layout(columns: columns, rows: rows)
        return layout.isTooSmall ? .zero : Rect(x: 0, y: 0, width: columns, height: layout.statusBar.y)
    }

    /// The playground's session: what survives a restart. Never a key.
    public var session: Session { playground.session }
}
