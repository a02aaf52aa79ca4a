/// How images are drawn on a terminal: a pixel protocol where the terminal has one, Unicode block symbols with
/// colours everywhere else.
public enum GraphicsMode: String, Sendable, Equatable, CaseIterable {
    case kitty
    case iterm
    case sixel
    case symbols

    /// True for the modes that draw pixels with escapes curses cannot carry (written after the frame).
    public var isPixelProtocol: Bool { self != .symbols }
}

/// What the user asked for: `auto` (detect), or one mode (`--graphics`, the config's `graphics`).
public enum GraphicsChoice: Sendable, Equatable {
    case auto
    case fixed(GraphicsMode)

    /// Parses `auto|kitty|iterm|sixel|symbols`; nil for anything else.
    public init?(_ text: String) {
        if text == "auto" { self = .auto; return }
        guard let mode = GraphicsMode(rawValue: text) else { return nil }
        self = .fixed(mode)
    }

    public static let names = ["auto"] + GraphicsMode.allCases.map(\.rawValue)

    public func resolve(environment: [String: String]) -> GraphicsMode {
        switch self {
        case .fixed(let mode): return mode
        case .auto: return GraphicsMode.detect(environment: environment)
        }
    }
}

extension GraphicsMode {
    /// The protocol the terminal speaks, from its environment. Inside tmux or screen always symbols: they do not
    /// pass pixel escapes through without extra setup, and a wrong guess would print garbage.
    public static func detect(environment: [String: String]) -> GraphicsMode {
        let term = environment["TERM"] ?? ""
        let program = environment["TERM_PROGRAM"] ?? ""
        if environment["TMUX"].map({ !$0.isEmpty }) ?? false || term.hasPrefix("screen") || term.hasPrefix("tmux") {
            return .symbols
        }
        if environment["KITTY_WINDOW_ID"].map({ !$0.isEmpty }) ?? false || term == "xterm-kitty"
            || term == "xterm-ghostty" || program == "ghostty" {
            return .kitty
        }
        if program == "iTerm.app" || program == "WezTerm" || environment["ITERM_SESSION_ID"] != nil {
            return .iterm
        }
        if term.hasPrefix("foot") || term.contains("mlterm") || term.hasPrefix("contour") || program == "contour" {
            return .sixel
        }
        return .symbols
    }
}
