import Foundation
import ImagePreview
import TerminalBackend
import SynthKit
import SynthUI

/// Everything the CLI decides before the playground starts.
public struct PlaygroundConfiguration: Sendable {
    /// Which API the playground talks to, through a ready client (it carries the base URL and the key).
    public enum Backend: Sendable {
        /// TextSynth: the cloud, a self-hosted ts_server, or synthpad's local engine server.
        case textSynth(TextSynthClient)
        /// Booste GPT-2.
        case booste(BoosteClient)
        /// An OpenAI-compatible server (llama-server, vLLM, Ollama, OpenAI): completions and chat.
        case openAI(OpenAIClient)
    }

    public var backend: Backend
    /// Where finished requests are logged, with the keys to scrub from them; nil: not logged (`--no-log`).
    public var history: HistorySettings?
    /// Further backends whose engines the screens offer beside the main one's (`--with NAME`), by name: a request
    /// goes to the backend its snapshot names.
    public var otherBackends: [String: Backend] = [:]
    /// Shown in the status bar and saved in the session ("textsynth", "local", "booste").
    public var backendName: String
    /// The engine to start with; nil keeps the session's (or the first).
    public var engine: String?
    /// What F4 (and a compare column's `e`) cycles through; nil: TextSynth's or Booste's catalogue, by backend.
    public var engines: [EngineChoice]?
    /// A shipped theme's name, a theme file's path, or a name looked up in SynthUI's theme folders;
    /// nil: the built-in default. NO_COLOR always means the monochrome theme.
    public var themeName: String?
    /// Where the session is restored from and saved to; nil: neither.
    public var sessionPath: String?
    public var colors: ColorChoice
    /// Whether the backend has a credits balance worth asking for (by default: the TextSynth cloud).
    public var hasCredits: Bool

    /// The sampling parameters a fresh playground starts with (the config's `[parameters]`); a restored session
    /// keeps its own.
    public var defaultParameters: SamplingParameters?

    /// The screen to open: the playground, the compare screen (F2), the translation scratchpad (F3) or the chat.
    public var initialMode: AppMode = .playground
    /// The history screen's first search (`synthpad history -q`).
    public var historySearch: String?
    /// The config's `[budget]` and `[prices]`: the TUI's spending guard.
    public var budget = Budget()
    /// The prompt to start with instead of the saved one.
    public var prompt: String?
    /// How many compare columns to show when opening in compare mode (2…6); nil keeps the saved columns.
    public var compareColumns: Int?
    /// Engines for the compare screen's columns, one each (`compare --engine A --engine B`).
    public var compareEngines: [String] = []
    /// A seed-locked sweep to open the compare screen with (`compare --sweep temperature=0.2,0.7,1.2`).
    public var compareSweep: ParameterSweep?
    /// The engines the chat screen offers: the catalogue's chat models unless told (the local engine's own, the
    /// config's `chat = true` engines).
    public var chatEngines: Set<String> = Set(EngineCatalog.known.filter(\.isChat).map(\.id))
    /// The presets Ctrl-P offers, and why some could not be read (a broken file), said at start.
    public var presets: [Preset] = Preset.builtIn
    public var presetProblem: String?
    /// A preset to start with (`--preset NAME`): its parameters replace the saved ones, its engine and system
    /// prompt are taken when it has them.
    public var preset: Preset?
    /// The chat screen's system prompt to start with (`chat-pad --system`); nil keeps the saved one.
    public var chatSystemPrompt: String?
    /// Open the scratchpad with its few-shot LLM column on (`translate-pad --llm`).
    public var padLLM = false
    /// The scratchpad's languages to start with; nil keeps the saved ones.
    public var padSourceLanguage: String?
    public var padTargetLanguage: String?
    /// The scratchpad's translation engine and what it can translate; nil: asked from the server
    /// (`GET /v1/engines`), or on the TextSynth cloud, M2M100 with every language.
    public var translationEngine: String?
    public var languageSupport: LanguageSupport?
    /// Whether the image screen can make images, and with which engine (the local engine cannot: it says so).
    public var imageAvailability: ImageAvailability = .available(engine: EngineCatalog.defaultImageEngine)
    /// Where the image screen saves its JPEGs.
    public var imageDirectory = "."
    /// How the image screen draws its previews (`--graphics`, the config's `graphics`).
    public var graphics: GraphicsChoice = .auto

    public init(backend: Backend, backendName: String, engine: String? = nil, engines: [EngineChoice]? = nil,
                themeName: String? = nil, sessionPath: String? = nil, colors: ColorChoice = .automatic,
                hasCredits: Bool? = nil) {
        self.backend = backend
        self.backendName = backendName
        self.engine = engine
        self.engines = engines
        self.themeName = themeName
        self.sessionPath = sessionPath
        self.colors = colors
        if let hasCredits {
            self.hasCredits = hasCredits
        } else if case .textSynth(let client) = backend {
            self.hasCredits = client.baseURL.hasPrefix(TextSynthClient.cloudURL)
        } else {
            self.hasCredits = false
        }
    }

    /// What the engine picker offers before the server says (`GET /v1/engines` replaces it where answered): the
    /// given list or the catalogue, plus the configured engine when the catalogue does not know it (a self-hosted
    /// server names its own engines: `--engine fast` must run "fast", not fall back to the first engine).
    public var engineChoices: [EngineChoice] {
        var choices: [EngineChoice]
        if let engines, !engines.isEmpty { choices = engines } else {
            switch backend {
            case .textSynth: choices = EngineChoice.textSynthEngines
            case .booste: choices = EngineChoice.boosteEngines
            case .openAI: choices = []  // the server's models, given by the command that opens the TUI
            }
        }
        if let engine, !choices.contains(where: { $0.id == engine || $0.qualifiedID == engine }) {
            let family: EngineFamily = if case .booste = backend { .booste } else { .textSynth }
            choices.append(EngineChoice(id: engine, displayName: engine, contextLength: EngineCatalog.contextLength(of: engine),
                                        family: family))
        }
        return choices
    }
}

public enum PlaygroundError: Error, CustomStringConvertible {
    case badSession(SessionFile.Failure)
    case terminal(TerminalScreenError)
    case notATerminal

    public var description: String {
        switch self {
        case .badSession(let failure): "session: \(failure)"
        case .terminal(let error): "\(error)"
        case .notATerminal: "the playground needs a terminal on standard input and output"
        }
    }
}

/// The history's database and the secrets never to write there.
public struct HistorySettings: Sendable {
    public var path: String
    public var secrets: [String]
    public init(path: String, secrets: [String]) {
        self.path = path
        self.secrets = secrets
    }
}
