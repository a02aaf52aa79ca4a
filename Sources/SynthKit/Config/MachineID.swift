import Foundation

/// The random UUID Booste expects to stay the same between runs, kept in
/// `$XDG_STATE_HOME/synthpad/machine-id` (default `~/.local/state/synthpad/machine-id`).
public enum MachineID {
    public static func file(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        ConfigPaths.stateDirectory(environment: environment).appendingPathComponent("machine-id")
    }

    /// The stored id, or a new one written for next time.
    public static func loadOrCreate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let url = file(environment: environment)
        if let text = try? String(contentsOf: url, encoding: .utf8),
           let id = UUID(uuidString: text.trimmingCharacters(in: .whitespacesAndNewlines)) {
            return id.uuidString.lowercased()
        }
        let id = UUID().uuidString.lowercased()
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (id + "\n").write(to: url, atomically: true, encoding: .utf8)
        return id
    }
}

/// Where synthpad keeps its files, following the XDG base directories.
public enum ConfigPaths {
    static func home(_ environment: [String: String]) -> URL {
        URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory(), isDirectory: true)
    }

    static func xdg(_ variable: String, fallback: String, _ environment: [String: String]) -> URL {
        if let value = environment[variable], value.hasPrefix("/") { return URL(fileURLWithPath: value, isDirectory: true) }
        return home(environment).appendingPathComponent(fallback, isDirectory: true)
    }

    /// `$XDG_CONFIG_HOME/synthpad` (default `~/.config/synthpad`).
    public static func configDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        xdg("XDG_CONFIG_HOME", fallback: ".config", environment).appendingPathComponent("synthpad", isDirectory: true)
    }

    /// `$XDG_STATE_HOME/synthpad` (default `~/.local/state/synthpad`).
    public static func stateDirectory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        xdg("XDG_STATE_HOME", fallback: ".local/state", environment).appendingPathComponent("synthpad", isDirectory: true)
    }

    /// `config.toml` in the config directory.
    public static func configFile(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        configDirectory(environment: environment).appendingPathComponent("config.toml")
    }

    /// Expands a leading `~/` against HOME.
    public static func expand(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if path == "~" { return home(environment) }
        if path.hasPrefix("~/") { return home(environment).appendingPathComponent(String(path.dropFirst(2))) }
        return URL(fileURLWithPath: path)
    }
}
