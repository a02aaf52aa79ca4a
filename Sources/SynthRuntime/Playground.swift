import Foundation
import TerminalBackend
import Glibc
import SynthKit
import SynthUI

/// The interactive playground: the CLI's `play` command calls `Playground.run(configuration:)`.
public enum Playground {
    /// Runs the playground on the process's terminal until the user quits. Returns the exit status
    /// (0, or 1 when the last session save failed; the reason is printed on stderr after the screen closes).
    /// Throws before touching the terminal when there is no terminal or the session file is unreadable.
    public static func run(configuration: PlaygroundConfiguration) throws -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw PlaygroundError.notATerminal }
        var restored: Session?
        if let path = configuration.sessionPath {
            do { restored = try SessionFile.load(from: path) } catch { throw PlaygroundError.badSession(error) }
        }
        let themeChoice = ThemeFiles.load(name: configuration.themeName, environment: environment,
                                          executablePath: CommandLine.arguments.first)

        let screen: TerminalScreen
        do {
            screen = try TerminalScreen(theme: themeChoice.theme, colors: configuration.colors, environment: environment)
        } catch let error as TerminalScreenError {
            throw PlaygroundError.terminal(error)
        }
        var state = initialState(configuration: configuration, session: restored, size: screen.size)
        setUpModes(&state, configuration: configuration,
                   saved: configuration.sessionPath.flatMap(SessionSaver.loadModes(besides:)))
        if let problem = themeChoice.problem {
            state.playground.parameterNotice = Notice(problem + "; using the default theme", isError: true)
        }
        let runtime = PlaygroundRuntime(state: state, screen: screen, configuration: configuration,
                                        environment: environment, render: SynthUI.render)
        let saveFailure = runtime.run()
        screen.close()
        if let saveFailure {
            FileHandle.standardError.write(Data("synthpad: could not save the session: \(saveFailure)\n".utf8))
            return 1
        }
        return 0
    }

    /// The starting state: the saved session if there is one, the configured engine if it names one.
    static func initialState(configuration: PlaygroundConfiguration, session: Session?,
                             size: (rows: Int, columns: Int)) -> AppState {
        let engines = configuration.engineChoices
        var state: AppState
        if let session {
            state = AppState(columns: size.columns, rows: size.rows, session: session, engines: engines,
                             backendName: configuration.backendName)
        } else {
            state = AppState(columns: size.columns, rows: size.rows, backendName: configuration.backendName,
                             engines: engines, engine: configuration.engine)
            if let defaults = configuration.defaultParameters { state.playground.parameters.sampling = defaults }
        }
        state.chatEngineIDs = configuration.chatEngines
        state.budget = configuration.budget
        state.playground.presets = configuration.presets
        if let problem = configuration.presetProblem { state.playground.parameterNotice = Notice(problem, isError: true) }
        if let preset = configuration.preset {
            state.playground.parameters.sampling = preset.parameters
            state.playground.parameterNotice = Notice("preset \(preset.name)")
        }
        if let wanted = configuration.engine,
           let index = state.playground.engines.firstIndex(where: { $0.qualifiedID == wanted })
            ?? state.playground.engines.firstIndex(where: { $0.id == wanted }) {
            state.playground.engineIndex = index
        }
        return state
    }
}
