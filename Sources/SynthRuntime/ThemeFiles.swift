// Theme files on disk: where they are looked for, which there are, and reading one. Choosing among them is
// SynthUI's (Theme.choose, pure).
import Foundation
import TerminalBackend
import SynthUI

public enum ThemeFiles {
    /// Where theme files are looked for, in order: the user's config, then next to the executable, then ./themes.
    public static func searchDirectories(environment: [String: String], executablePath: String?) -> [String] {
        var dirs: [String] = []
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty {
            dirs.append(config + "/synthpad/themes")
        } else if let home = environment["HOME"] {
            dirs.append(home + "/.config/synthpad/themes")
        }
        if let exe = executablePath {
            let dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
            dirs.append(dir.appendingPathComponent("themes").path)
            dirs.append(dir.appendingPathComponent("../share/synthpad/themes").standardized.path)
        }
        dirs.append(FileManager.default.currentDirectoryPath + "/themes")
        return dirs
    }

    /// Reads `<name>.toml` (or `name` itself when it is a path) from the first directory that has it.
    public static func read(name: String, directories: [String]) -> (text: String, path: String)? {
        let candidates = name.contains("/") ? [name] : directories.map { "\($0)/\(name).toml" }
        for path in candidates {
            if let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) {
                return (text, path)
            }
        }
        return nil
    }

    /// The names `--theme` takes: the shipped ones and every `*.toml` in the search directories, sorted.
    public static func availableNames(directories: [String]) -> [String] {
        var names = Set(Theme.shippedNames)
        for directory in directories {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where file.hasSuffix(".toml") {
                names.insert(String(file.dropLast(5)))
            }
        }
        return Theme.shippedNames + names.subtracting(Theme.shippedNames).sorted()
    }

    /// Everything together: find the file, parse it, honour NO_COLOR.
    public static func load(name: String?, environment: [String: String], executablePath: String?) -> ThemeChoice {
        let found = name.flatMap { read(name: $0, directories: searchDirectories(environment: environment, executablePath: executablePath)) }
        return Theme.choose(name: name, fileText: found?.text, fileName: found?.path, environment: environment)
    }
}
