import Foundation
import TOMLKit

/// A named set of sampling parameters, with an engine and a system prompt if it wants them: `--preset NAME` on
/// the command line, Ctrl-P in the playground. A few ship built in; yours are TOML files in
/// `$XDG_CONFIG_HOME/synthpad/presets/NAME.toml` (which win by name):
/// ```toml
/// engine = "llama3.1_8B_instruct"   # optional
/// system = "Answer in one line."    # optional, for chat
/// [parameters]                      # wire names, as in the config's [parameters]
/// temperature = 0.3
/// ```
public struct Preset: Sendable, Equatable {
    public var name: String
    public var engine: String?
    public var system: String?
    public var parameters: SamplingParameters
    /// Shipped with synthpad (a file of the same name replaces it).
    public var isBuiltIn: Bool

    public init(name: String, engine: String? = nil, system: String? = nil, parameters: SamplingParameters,
                isBuiltIn: Bool = false) {
        self.name = name
        self.engine = engine
        self.system = system
        self.parameters = parameters
        self.isBuiltIn = isBuiltIn
    }

    /// In name order, as `PresetStore.all` lists them.
    public static let builtIn: [Preset] = [
        Preset(name: "balanced", parameters: .defaults, isBuiltIn: true),
        Preset(name: "creative", parameters: SamplingParameters(temperature: 1.2, topK: 100, topP: 0.97,
                                                                presencePenalty: 0.4), isBuiltIn: true),
        Preset(name: "greedy", parameters: SamplingParameters(temperature: 1, topK: 1, topP: 1), isBuiltIn: true),
        Preset(name: "precise", parameters: SamplingParameters(temperature: 0.3, topK: 20, topP: 0.85), isBuiltIn: true),
    ]
}

public enum PresetStore {
    public static func directory(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        ConfigPaths.configDirectory(environment: environment).appendingPathComponent("presets", isDirectory: true)
    }

    /// Letters, digits, `-` and `_`: a file name on every system, and a word on the command line.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && name.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }
    }

    /// Every preset: the built-in ones, then the files (a file replaces a built-in of its name), by name.
    /// A broken file is an error naming it and its line, never silently left out.
    public static func all(environment: [String: String] = ProcessInfo.processInfo.environment) throws(ConfigError)
        -> [Preset] {
        var presets = Preset.builtIn
        let folder = directory(environment: environment)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for file in files.sorted() where file.hasSuffix(".toml") {
            let preset = try load(from: folder.appendingPathComponent(file))
            presets.removeAll { $0.name == preset.name }
            presets.append(preset)
        }
        return presets.sorted { $0.name < $1.name }
    }

    public static func named(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigError) -> Preset {
        let presets = try all(environment: environment)
        guard let preset = presets.first(where: { $0.name == name }) else {
            throw ConfigError(file: "presets", message: "no preset named \"\(name)\"; presets: "
                              + presets.map(\.name).joined(separator: ", "))
        }
        return preset
    }

    static func load(from url: URL) throws(ConfigError) -> Preset {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw ConfigError(file: url.path, message: "cannot read it: \(error.localizedDescription)")
        }
        return try parse(text, name: url.deletingPathExtension().lastPathComponent, file: url.path)
    }

    public static func parse(_ text: String, name: String, file: String) throws(ConfigError) -> Preset {
        let table = try ConfigReader.parse(text, file: file)
        let reader = ConfigReader(text: text, file: file)
        for key in table.keys.sorted() where !["engine", "system", "parameters"].contains(key) {
            throw reader.error("unknown key \"\(key)\" (known: engine, system, parameters)", key: key)
        }
        let parameters = try reader.table(table, "parameters").map { (t) throws(ConfigError) in
            try reader.samplingParameters(t)
        } ?? .defaults
        return Preset(name: name, engine: try reader.string(table, "engine"), system: try reader.string(table, "system"),
                      parameters: parameters)
    }

    /// The preset as its file's text: every parameter written out, so the file says exactly what it sets.
    public static func toml(_ preset: Preset) -> String {
        // Strings through TOMLKit (quoting); numbers by hand: TOMLKit writes 0.9 as 0.90000000000000002.
        let strings = TOMLTable()
        if let engine = preset.engine { strings["engine"] = engine }
        if let system = preset.system { strings["system"] = system }
        var text = strings.isEmpty ? "" : strings.convert(to: .toml, options: [.allowUnicodeStrings]) + "\n\n"
        text += "[parameters]\n"
        let p = preset.parameters
        for spec in ParameterSpec.all {
            guard let value = p.value(of: spec) else { continue }
            text += "\(spec.wireName) = \(spec.isInteger ? String(Int(value)) : "\(value)")\n"
        }
        if !p.stop.isEmpty {
            let stop = TOMLTable()
            stop["stop"] = TOMLArray(p.stop)
            text += stop.convert(to: .toml, options: [.allowUnicodeStrings]) + "\n"
        }
        return text
    }

    /// Writes (or replaces) the preset's file atomically; returns where.
    @discardableResult
    public static func save(_ preset: Preset, environment: [String: String] = ProcessInfo.processInfo.environment)
        throws(ConfigError) -> URL {
        guard isValidName(preset.name) else {
            throw ConfigError(file: "presets", message: "preset name \"\(preset.name)\" must be letters, digits, - or _")
        }
        let folder = directory(environment: environment)
        let url = folder.appendingPathComponent("\(preset.name).toml")
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(toml(preset).utf8).write(to: url, options: .atomic)
        } catch {
            throw ConfigError(file: url.path, message: "cannot write it: \(error.localizedDescription)")
        }
        return url
    }
}
