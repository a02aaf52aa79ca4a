import Foundation
import SynthKit
import SynthUI

/// Everything the CLI decides before the playground starts.
public struct PlaygroundConfiguration: Sendable {
    /// Which API the playground talks to.
    public enum Backend: Sendable, Equatable {
        /// TextSynth: the cloud, a self-hosted ts_server, or synthpad's local engine server.
        case textSynth(baseURL: String)
        /// Booste GPT-2.
        case booste(baseURL: String)
    }

    public var backend: Backend
    /// Shown in the status bar and saved in the session ("textsynth", "local", "booste").
    public var backendName: String
    /// Never logged, shown or saved; only handed to the client.
    public var apiKey: APIKey?
    /// The engine to start with; nil keeps the session's (or the first).
    public var engine: String?
    /// What F2 cycles through; nil: TextSynth's or Booste's catalogue, by backend.
    public var engines: [EngineChoice]?
    /// "default", "mono", a theme file path, or a name looked up in the theme folders.
    public var themeName: String
    /// Where the session is restored from and saved to; nil: neither.
    public var sessionPath: String?
    public var colors: ColorChoice
    /// Whether the backend has a credits balance worth asking for (the TextSynth cloud).
    public var hasCredits: Bool
    public var transport: TransportOptions

    public init(backend: Backend, backendName: String, apiKey: APIKey? = nil, engine: String? = nil,
                engines: [EngineChoice]? = nil, themeName: String = "default", sessionPath: String? = nil,
                colors: ColorChoice = .automatic, hasCredits: Bool? = nil,
                transport: TransportOptions = TransportOptions()) {
        self.backend = backend
        self.backendName = backendName
        self.apiKey = apiKey
        self.engine = engine
        self.engines = engines
        self.themeName = themeName
        self.sessionPath = sessionPath
        self.colors = colors
        if let hasCredits {
            self.hasCredits = hasCredits
        } else if case .textSynth(let url) = backend {
            self.hasCredits = url.hasPrefix(TextSynthClient.cloudURL)
        } else {
            self.hasCredits = false
        }
        self.transport = transport
    }

    var engineChoices: [EngineChoice] {
        if let engines, !engines.isEmpty { return engines }
        switch backend {
        case .textSynth: return EngineChoice.textSynthEngines
        case .booste: return EngineChoice.boosteEngines
        }
    }
}

public enum PlaygroundError: Error, CustomStringConvertible {
    case themeNotFound(name: String, searched: [String])
    case badTheme(ThemeError)
    case badSession(SessionFile.Failure)
    case terminal(TerminalScreenError)
    case notATerminal

    public var description: String {
        switch self {
        case .themeNotFound(let name, let searched):
            "no theme \"\(name)\" (looked in \(searched.joined(separator: ", ")))"
        case .badTheme(let error): "theme: \(error)"
        case .badSession(let failure): "session: \(failure)"
        case .terminal(let error): "\(error)"
        case .notATerminal: "the playground needs a terminal on standard input and output"
        }
    }
}

extension PlaygroundConfiguration {
    /// The folders searched for `NAME.toml`: the user's config folder, then the project's `themes/`.
    public static func themeFolders(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return [configHome + "/synthpad/themes", FileManager.default.currentDirectoryPath + "/themes"]
    }

    /// Resolves a theme name. NO_COLOR always means the monochrome theme.
    public static func theme(named name: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(PlaygroundError) -> Theme {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .builtInMono }
        switch name {
        case "", "default": return .builtInDefault
        case "mono": return .builtInMono
        default: break
        }
        let candidates: [String]
        if name.contains("/") || name.hasSuffix(".toml") {
            candidates = [name]
        } else {
            candidates = themeFolders(environment: environment).map { "\($0)/\(name).toml" }
        }
        guard let path = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }),
              let data = FileManager.default.contents(atPath: path) else {
            throw .themeNotFound(name: name, searched: candidates)
        }
        do {
            return try Theme.parse(String(decoding: data, as: UTF8.self), fileName: path)
        } catch {
            throw .badTheme(error)
        }
    }
}
