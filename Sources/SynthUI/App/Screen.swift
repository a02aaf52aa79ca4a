// The three views of the one TUI: they share the event loop, the status bar, themes, autosave and errors.

/// Which screen the TUI shows. F2 toggles the compare screen, F3 the translation scratchpad; the same key again
/// (or Esc while the mode has nothing to cancel) returns to the playground.
public enum AppMode: String, Sendable, Hashable, Codable, CaseIterable {
    case playground
    case compare
    case translate

    /// The mode's name in the status bar.
    public var title: String {
        switch self {
        case .playground: return "playground"
        case .compare: return "compare"
        case .translate: return "translate"
        }
    }
}

/// Request ids are handed out in separate ranges so an API answer finds its mode by its id alone.
public enum RequestIDRange {
    public static let compare = 1_000_000
    public static let translate = 2_000_000

    static func mode(of id: Int) -> AppMode {
        if id >= translate { return .translate }
        if id >= compare { return .compare }
        return .playground
    }
}
