import ArgumentParser
import EngineServer
import Foundation
import ImagePreview
import RunHistory
import SynthKit
import SynthUI
import SynthRuntime
import TerminalBackend

struct PlayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "play", abstract: "Open the playground (the default when no subcommand is given).")

    @OptionGroup var tui: TUIOptions

    func run() throws {
        try openTUI(tui, mode: .playground)
    }
}

/// What every command opening the TUI takes: the backend, the theme and the session file.
struct TUIOptions: ParsableArguments {
    @OptionGroup var backendOptions: BackendOptions

    @Option(help: "Colour theme: default, light, high-contrast, mono, or a theme file's path.")
    var theme: String?

    @Option(help: """
        Colours: auto (true colour when COLORTERM says truecolor and the terminal's palette can be set, else what \
        the terminal reports; NO_COLOR turns them off), never, 16, 256 or truecolor.
        """)
    var color: ColorOption = .auto

    @Option(name: .customLong("with"), help: """
        Also offer this configured backend's engines (repeatable): compare columns and the playground then mix \
        backends, e.g. --backend local --with llama (F4 / e pick ENGINE@BACKEND).
        """)
    var otherBackends: [String] = []

    @Option(help: "Start from a preset's parameters, engine and system prompt (`synthpad presets` lists them).")
    var preset: String?

    @Option(help: "Session file (default: $XDG_STATE_HOME/synthpad/session.json).")
    var session: String?

    @Option(help: "How the image screen (Alt-5) draws pictures: auto, kitty, iterm, sixel or symbols.")
    var graphics: String?

    @OptionGroup var log: LogOptions

    func validate() throws {
        if let graphics, GraphicsChoice(graphics) == nil {
            throw ValidationError("--graphics \(graphics) is not one of \(GraphicsChoice.names.joined(separator: ", "))")
        }
    }
}

enum ColorOption: String, ExpressibleByArgument, CaseIterable {
    case auto, never
    case sixteen = "16"
    case palette256 = "256"
    case truecolor

    /// What the terminal backend is asked for (a depth the terminal cannot show is lowered to one it can).
    var choice: ColorChoice {
        switch self {
        case .auto: return .automatic
        case .never: return .fixed(.monochrome)
        case .sixteen: return .fixed(.basic8)
        case .palette256: return .fixed(.palette256)
        case .truecolor: return .fixed(.trueColor)
        }
    }
}

/// Opens the TUI in `mode` on the chosen backend (starting the embedded engine if that is the one), and blocks
/// until the user quits. `adjust` sets what only one command decides (compare columns, pad languages).
/// Called on the main thread, which the event loop then owns (curses is not thread-safe).
func openTUI(_ options: TUIOptions, mode: AppMode,
             adjust: (inout PlaygroundConfiguration) -> Void = { _ in }) throws {
    var backendOptions = options.backendOptions
    let config = try backendOptions.loadConfig()
    let preset: Preset?
    do { preset = try options.preset.map { try PresetStore.named($0) } } catch { throw CLIError.usage("\(error)") }
    if backendOptions.engines.isEmpty, let engine = preset?.engine { backendOptions.engines = [engine] }
    let chosen = try backendOptions.selectedBackend(in: config)
    let themeName = options.theme ?? config.theme
    try checkTheme(themeName, fromConfig: options.theme == nil)
    var playground: PlaygroundConfiguration
    // The embedded engine runs as a child process for as long as the TUI is open (see EngineProcess).
    var engineProcess: EngineProcess?
    defer { engineProcess?.stop() }
    switch chosen.kind {
    case .local:
        let models = try backendOptions.servedModels()
        let child = try EngineProcess(models: models)
        engineProcess = child
        let client = TextSynthClient(baseURL: child.baseURL)
        // The child serves each model under the id given or the one its file names (smollm2_135M for the bundled
        // one); with several, F4 and the compare columns pick among them.
        let engines = models.map { model in
            let id = model.engineID ?? (try? LocalModel.defaultEngineID(ofFile: model.path))
                ?? EngineServerConfiguration.defaultEngineID
            return EngineChoice(id: id, displayName: id == EngineServerConfiguration.defaultEngineID
                                    ? "SmolLM2 135M (local)" : "\(id) (local)",
                                contextLength: EngineServerConfiguration().maxContextLength, family: .textSynth)
        }
        let engineID = engines[0].id
        // The embedded engine keeps a credits ledger, so its balance is worth showing.
        playground = PlaygroundConfiguration(backend: .textSynth(client), backendName: "local",
                                             engine: backendOptions.engine ?? engineID, engines: engines,
                                             hasCredits: true)
        playground.translationEngine = TranslationEngineID.apertium
        // Each model answers the chat endpoint through its own template (SmolLM2's ChatML, Gemma's turns).
        playground.chatEngines = Set(engines.map(\.id))
        playground.imageAvailability = .unavailable(GeneratedImageFiles.localEngineHasNoImageModel)
    case .textsynth:
        let client: TextSynthClient
        do {
            client = try config.textSynthClient(for: chosen, options: backendOptions.screenTransportOptions)
        } catch { throw CLIError.usage("\(error)") }
        // The catalogue's completion engines and the config's own (`[engines.ID]`), which win by id.
        let added = config.engines.filter { $0.capability == .completion }.map {
            EngineChoice(id: $0.id, displayName: $0.displayName, contextLength: $0.contextLength ?? 1024, family: .textSynth)
        }
        let engines = EngineChoice.textSynthEngines.filter { known in !added.contains { $0.id == known.id } } + added
        playground = PlaygroundConfiguration(backend: .textSynth(client), backendName: chosen.name,
                                             engine: backendOptions.engine ?? config.engine(for: chosen), engines: engines)
        // The config's overrides win by id: `chat = false` takes a catalogue engine out of the chat screen.
        let configured = Set(config.engines.map(\.id))
        playground.chatEngines = playground.chatEngines.filter { !configured.contains($0) }
            .union(config.engines.filter(\.isChat).map(\.id))
    case .booste:
        let client: BoosteClient
        do {
            client = try config.boosteClient(for: chosen, options: backendOptions.screenTransportOptions)
        } catch { throw CLIError.usage("\(error)") }
        playground = PlaygroundConfiguration(backend: .booste(client), backendName: chosen.name,
                                             engine: backendOptions.engine)
        playground.chatEngines = []  // Booste has no chat endpoint: the chat screen says so
        playground.imageAvailability = .unavailable(
            "\(chosen.name) is Booste GPT-2, which makes no images; use TextSynth's cloud (--backend textsynth)")
    case .openai:
        let client: OpenAIClient
        do {
            client = try config.openAIClient(for: chosen, options: backendOptions.screenTransportOptions)
        } catch { throw CLIError.usage("\(error)") }
        // The server's models are the engines (an OpenAI-compatible server has no catalogue to guess from).
        let models: OpenAIModelList
        do { models = try runBlocking { try await client.models() } } catch {
            throw CLIError.failed("cannot list the models of \(chosen.url): \(error)")
        }
        // OpenAI-compatible servers answer `logprobs` on completions (llama.cpp, vLLM and OpenAI do).
        let engines = models.data.map {
            EngineChoice(id: $0.id, displayName: $0.id, contextLength: EngineCatalog.contextLength(of: $0.id),
                         family: .textSynth, givesTokenLogprobs: true)
        }
        guard !engines.isEmpty else { throw CLIError.failed("\(chosen.url) lists no models") }
        playground = PlaygroundConfiguration(backend: .openAI(client), backendName: chosen.name,
                                             engine: backendOptions.engine ?? chosen.engine, engines: engines,
                                             hasCredits: false)
        // Which of them are chat models the server does not say: the chat screen offers them all.
        playground.chatEngines = []
        playground.imageAvailability = .unavailable(
            "\(chosen.name) speaks the OpenAI API, which synthpad does not ask for images; use TextSynth's cloud "
                + "(--backend textsynth) or a TextSynth server with an image engine (--url URL)")
    }
    var otherEngines: [EngineChoice] = []
    for name in options.otherBackends where name != chosen.name {
        guard let other = config.backend(named: name) else {
            throw CLIError.usage("--with \(name): no such backend; configured: "
                                 + config.backends.map(\.name).joined(separator: ", "))
        }
        let (backend, engines) = try openOtherBackend(other, config: config, options: backendOptions)
        playground.otherBackends[name] = backend
        otherEngines += engines
        if case .openAI = backend { playground.chatEngines.formUnion(engines.map(\.id)) }
    }
    if !otherEngines.isEmpty {
        // The main backend's list as it would be without a configured engine (which may be ENGINE@OTHER), then theirs.
        let configured = playground.engine
        playground.engine = nil
        playground.engines = playground.engineChoices + otherEngines
        playground.engine = configured
    }
    playground.preset = preset
    do { playground.presets = try PresetStore.all() } catch { playground.presetProblem = "presets: \(error)" }
    playground.themeName = themeName
    playground.colors = options.color.choice
    playground.defaultParameters = config.parameters
    playground.sessionPath = options.session ?? ConfigPaths.stateDirectory().appendingPathComponent("session.json").path
    playground.initialMode = mode
    playground.graphics = try ImageCommand.graphicsChoice(option: options.graphics, config: config)
    playground.imageDirectory = config.imageDirectory ?? "."
    playground.history = options.log.historySettings(config: config)
    playground.budget = config.budget
    adjust(&playground)
    let status: Int32
    do {
        status = try Playground.run(configuration: playground)
    } catch {
        throw CLIError.failed("\(error)")
    }
    if status != 0 { throw ExitCode(status) }
}

/// A backend beside the main one (`--with`), and its engines marked as its own.
private func openOtherBackend(_ other: BackendConfig, config: SynthConfig, options: BackendOptions) throws
    -> (PlaygroundConfiguration.Backend, [EngineChoice]) {
    func marked(_ engines: [EngineChoice]) -> [EngineChoice] {
        engines.map {
            var engine = $0
            engine.backend = other.name
            engine.displayName = "\($0.displayName) · \(other.name)"
            return engine
        }
    }
    let transport = options.screenTransportOptions
    do {
        switch other.kind {
        case .textsynth:
            return (.textSynth(try config.textSynthClient(for: other, options: transport)), marked(EngineChoice.textSynthEngines))
        case .booste:
            return (.booste(try config.boosteClient(for: other, options: transport)), marked(EngineChoice.boosteEngines))
        case .openai:
            let client = try config.openAIClient(for: other, options: transport)
            let models: OpenAIModelList
            do { models = try runBlocking { try await client.models() } } catch {
                throw CLIError.failed("--with \(other.name): cannot list the models of \(other.url): \(error)")
            }
            return (.openAI(client), marked(models.data.map {
                EngineChoice(id: $0.id, displayName: $0.id, contextLength: EngineCatalog.contextLength(of: $0.id),
                             family: .textSynth, givesTokenLogprobs: true)
            }))
        case .local:
            throw CLIError.usage("--with \(other.name): the local engine runs as the main backend only"
                                 + " (--backend local --with OTHER)")
        }
    } catch let error as ConfigError {
        throw CLIError.usage("--with \(other.name): \(error)")
    }
}

/// A theme that cannot be used is refused before anything starts, naming the themes there are.
private func checkTheme(_ name: String?, fromConfig: Bool) throws {
    let environment = ProcessInfo.processInfo.environment
    let executable = CommandLine.arguments.first
    guard let problem = ThemeFiles.load(name: name, environment: environment, executablePath: executable).problem else {
        return
    }
    let directories = ThemeFiles.searchDirectories(environment: environment, executablePath: executable)
    let names = ThemeFiles.availableNames(directories: directories).joined(separator: ", ")
    let source = fromConfig ? " (theme in the config file)" : ""
    throw CLIError.usage("\(problem)\(source); themes: \(names), or a theme file's path")
}
