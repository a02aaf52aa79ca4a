// The three views of the one TUI: they share the event loop, the status bar, themes, autosave and errors.

/// Which screen the TUI shows. F2 toggles the compare screen, F3 the translation scratchpad, and Alt-1…Alt-6 show
/// each screen; the same F-key again (or Esc while the screen has nothing to cancel) returns to the playground.
public enum AppMode: String, Sendable, Hashable, Codable, CaseIterable {
    case playground
    case compare
    case translate
    case chat
    case image
    case history

    /// The mode's name in the status bar.
    public var title: String {
        switch self {
        case .playground: return "playground"
        case .compare: return "compare"
        case .translate: return "translate"
        case .chat: return "chat"
        case .image: return "image"
        case .history: return "history"
        }
    }
}

/// Which request a reply answers: the screen that asked and that screen's own serial number. The app hands a reply
/// to that screen alone (a screen that is closed gets nothing), and the screen drops a serial it no longer waits for
/// (cancelled, replaced): a late reply cannot land anywhere else.
public struct RequestKey: Sendable, Hashable, CustomStringConvertible {
    public var screen: AppMode
    public var serial: Int

    public init(_ screen: AppMode, _ serial: Int) {
        self.screen = screen
        self.serial = serial
    }

    public static func playground(_ serial: Int) -> RequestKey { RequestKey(.playground, serial) }
    public static func compare(_ serial: Int) -> RequestKey { RequestKey(.compare, serial) }
    public static func translate(_ serial: Int) -> RequestKey { RequestKey(.translate, serial) }
    public static func chat(_ serial: Int) -> RequestKey { RequestKey(.chat, serial) }
    public static func image(_ serial: Int) -> RequestKey { RequestKey(.image, serial) }

    public var description: String { "\(screen.title)#\(serial)" }
}
