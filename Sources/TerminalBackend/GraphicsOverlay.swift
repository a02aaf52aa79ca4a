/// A picture drawn with a terminal's pixel protocol (kitty, iTerm2, sixel) at a cell. Curses cannot carry these
/// escapes: `TerminalScreen.paint` writes them after the frame is flushed, and when they change or go away it
/// repaints every cell from a cleared screen so no old picture is left behind.
public struct GraphicsOverlay: Sendable, Equatable {
    public var x: Int
    public var y: Int
    /// The escape that draws the picture at the cursor.
    public var bytes: String
    /// The escape that removes the protocol's pictures (kitty keeps them apart from the text); empty otherwise.
    public var erase: String

    public init(x: Int, y: Int, bytes: String, erase: String = "") {
        self.x = x
        self.y = y
        self.bytes = bytes
        self.erase = erase
    }
}
