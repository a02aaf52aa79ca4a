// Choosing the theme at start-up: the pure choice (NO_COLOR, names, fallbacks). Finding and reading theme files
// is the runtime's (ThemeFiles in SynthRuntime).

/// The theme to use and, if the wanted one could not be used, why (show it to the user once).
public struct ThemeChoice: Sendable {
    public var theme: Theme
    public var problem: String?
}

extension Theme {
    /// Names of the themes shipped in themes/.
    public static let shippedNames = ["default", "light", "high-contrast", "mono"]

    /// Picks the theme from its name, the text of its file (if found) and the environment. Pure.
    /// NO_COLOR (set and non-empty) always wins and gives mono. No name gives the built-in default.
    public static func choose(name: String?, fileText: String?, fileName: String?,
                              environment: [String: String]) -> ThemeChoice {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return ThemeChoice(theme: .builtInMono) }
        guard let name, !name.isEmpty, name != "default" || fileText != nil else {
            return ThemeChoice(theme: .builtInDefault)
        }
        guard let fileText else {
            if name == "mono" { return ThemeChoice(theme: .builtInMono) }
            return ThemeChoice(theme: .builtInDefault, problem: "theme '\(name)' not found")
        }
        let (theme, error) = Theme.parseOrDefault(fileText, fileName: fileName ?? "\(name).toml")
        return ThemeChoice(theme: theme, problem: error.map { "\($0)" })
    }
}
