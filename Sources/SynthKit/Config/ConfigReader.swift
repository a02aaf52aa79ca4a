import Foundation
import TOMLKit

/// Typed reads from a parsed TOML table; a wrong type becomes a ConfigError naming the file and the key's line.
struct ConfigReader {
    let text: String
    let file: String

    /// The first line that assigns `key`, for messages (TOMLKit keeps no positions for values).
    func line(of key: String) -> Int? {
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(key), trimmed.dropFirst(key.count).trimmingCharacters(in: .whitespaces).hasPrefix("=") {
                return index + 1
            }
            if trimmed.hasPrefix("[") && trimmed.contains(key) { return index + 1 }
        }
        return nil
    }

    /// Parses a TOML file's text; constructs that would abort TOMLKit are refused first (see TOMLGuard).
    static func parse(_ text: String, file: String) throws(ConfigError) -> TOMLTable {
        if let problem = TOMLGuard.abortingConstruct(in: text) {
            throw ConfigError(file: file, line: problem.line, message: problem.message)
        }
        do {
            return try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ConfigError(file: file, line: error.source.begin.line, message: error.description)
        } catch {
            throw ConfigError(file: file, message: "\(error)")
        }
    }

    func error(_ message: String, key: String) -> ConfigError {
        ConfigError(file: file, line: line(of: key), message: message)
    }

    func string(_ table: TOMLTable, _ key: String) throws(ConfigError) -> String? {
        guard let value = table[key] else { return nil }
        guard let string = value.string else { throw error("\(key) must be a string", key: key) }
        return string
    }

    func bool(_ table: TOMLTable, _ key: String) throws(ConfigError) -> Bool? {
        guard let value = table[key] else { return nil }
        guard let bool = value.bool else { throw error("\(key) must be true or false", key: key) }
        return bool
    }

    func table(_ table: TOMLTable, _ key: String) throws(ConfigError) -> TOMLTable? {
        guard let value = table[key] else { return nil }
        guard let inner = value.table else { throw error("\(key) must be a table", key: key) }
        return inner
    }

    func number(_ table: TOMLTable, _ key: String) throws(ConfigError) -> Double? {
        guard let value = table[key] else { return nil }
        if let int = value.int { return Double(int) }
        if let double = value.double { return double }
        throw error("\(key) must be a number", key: key)
    }

    func backend(named name: String, _ entry: TOMLTable) throws(ConfigError) -> BackendConfig {
        guard let kindName = try string(entry, "kind") else {
            throw error("[backends.\(name)] needs kind = \"textsynth\", \"booste\", \"local\" or \"openai\"", key: name)
        }
        guard let kind = BackendConfig.Kind(rawValue: kindName) else {
            throw error("kind \"\(kindName)\" is unknown (use textsynth, booste, local or openai)", key: "kind")
        }
        let defaultURL: String = switch kind {
        case .textsynth: TextSynthClient.cloudURL
        case .booste: BoosteClient.defaultURL
        case .local: "http://127.0.0.1:8080"
        case .openai: OpenAIClient.cloudURL
        }
        return BackendConfig(name: name, kind: kind, url: try string(entry, "url") ?? defaultURL,
                             engine: try string(entry, "engine"), keyFile: try string(entry, "key_file"),
                             inlineKey: try string(entry, "key").flatMap { APIKey(trimming: $0) })
    }

    /// `[engines.ID]`: `kind` (completion, translation, image; default completion), `context_length`, `chat`, `name`.
    func engine(id: String, _ entry: TOMLTable) throws(ConfigError) -> Engine {
        let kindName = try string(entry, "kind") ?? Engine.Capability.completion.rawValue
        guard let kind = Engine.Capability(rawValue: kindName) else {
            throw error("[engines.\(id)] kind \"\(kindName)\" is unknown (use completion, translation or image)", key: "kind")
        }
        let context = try number(entry, "context_length")
        if let context, !(context >= 1 && context <= 10_000_000 && context == context.rounded()) {
            throw error("[engines.\(id)] context_length must be a whole number of tokens ≥ 1", key: "context_length")
        }
        var chat = false
        if let value = entry["chat"] {
            guard let flag = value.bool else { throw error("[engines.\(id)] chat must be true or false", key: "chat") }
            chat = flag
        }
        return Engine(id: id, displayName: try string(entry, "name") ?? id, contextLength: context.map { Int($0) },
                      capability: kind, isChat: chat, summary: "added by the config")
    }

    func samplingParameters(_ table: TOMLTable) throws(ConfigError) -> SamplingParameters {
        var parameters = SamplingParameters.defaults
        for key in table.keys {
            if let spec = ParameterSpec.named(key) {
                if let value = try number(table, key) {
                    do { try spec.check(value) } catch { throw self.error("[parameters] \(error)", key: key) }
                    parameters.set(spec, to: value)
                }
            } else if key == "stop" {
                if let one = table[key]?.string {
                    parameters.stop = [one]
                } else if let array = table[key]?.array {
                    parameters.stop = try array.map { (value) throws(ConfigError) -> String in
                        guard let string = value.string else { throw error("stop must hold strings", key: key) }
                        return string
                    }
                } else {
                    throw error("stop must be a string or an array of strings", key: key)
                }
            } else {
                let known = ParameterSpec.all.map(\.wireName).joined(separator: ", ")
                throw error("unknown parameter \"\(key)\" (known: \(known), stop)", key: key)
            }
        }
        do {
            try parameters.validate()
        } catch {
            throw self.error("[parameters] \(error)", key: error.field)
        }
        return parameters
    }
}
