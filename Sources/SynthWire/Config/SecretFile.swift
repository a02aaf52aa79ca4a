import Foundation

/// Reads files that hold keys, refusing them when group or others may read them (as ssh does).
public enum SecretFile {
    /// The permission bits of a file, or nil when it cannot be stat'ed.
    public static func permissions(of path: String) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return Int(info.st_mode) & 0o777
    }

    /// Throws when group or others have any access to `path`.
    public static func checkPrivate(_ path: String) throws(ConfigError) {
        guard let mode = permissions(of: path), mode & 0o077 != 0 else { return }
        let octal = String(format: "%04o", mode)
        throw ConfigError(file: path, message:
            "permissions \(octal) for '\(path)' are too open: it holds an API key, so it must not be readable by others. Run: chmod 600 '\(path)'")
    }

    /// The key in a key file (first non-empty line, trimmed), after the permission check.
    public static func readKey(at path: String) throws(ConfigError) -> APIKey {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ConfigError(file: path, message: "key file not found")
        }
        try checkPrivate(path)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError(file: path, message: "cannot read the key file")
        }
        let firstLine = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard let key = APIKey(trimming: firstLine) else { throw ConfigError(file: path, message: "the key file is empty") }
        return key
    }
}
