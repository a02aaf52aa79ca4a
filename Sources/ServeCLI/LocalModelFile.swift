import Foundation

/// Where the embedded engine's model lives: `--model`, `$SYNTHPAD_MODEL`, or the cache that `make setup` fills.
public enum LocalModelFile {
    public static let fileName = "SmolLM2-135M-Instruct.Q4_1.gguf"

    public static var cachedPath: String {
        let environment = ProcessInfo.processInfo.environment
        let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? (NSHomeDirectory() + "/.cache")
        return cache + "/synthpad/models/" + fileName
    }

    public static func resolve(explicit: String?) throws -> String {
        if let explicit {
            // A file the user named: fetching the default model would not bring it.
            guard FileManager.default.fileExists(atPath: explicit) else { throw CLIError.failed("no model file at \(explicit)") }
            return explicit
        }
        let path = ProcessInfo.processInfo.environment["SYNTHPAD_MODEL"] ?? cachedPath
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError.failed("""
                the local engine's model is missing at \(path); run `make setup` (or scripts/fetch-model.sh) \
                to fetch it, or set TEXTSYNTH_API_KEY to use the cloud
                """)
        }
        return path
    }
}
