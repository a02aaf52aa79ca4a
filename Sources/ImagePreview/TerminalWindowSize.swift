import Glibc

/// The size of the terminal on a descriptor, in cells and (when the terminal says) a cell's pixels, which the
/// pixel protocols need to size a picture to its cells.
public struct TerminalWindowSize: Sendable, Equatable {
    public var columns: Int
    public var rows: Int
    public var cellPixels: (width: Int, height: Int)?

    public init(columns: Int, rows: Int, cellPixels: (width: Int, height: Int)? = nil) {
        self.columns = columns
        self.rows = rows
        self.cellPixels = cellPixels
    }

    public static func == (a: TerminalWindowSize, b: TerminalWindowSize) -> Bool {
        a.columns == b.columns && a.rows == b.rows && a.cellPixels?.width == b.cellPixels?.width
            && a.cellPixels?.height == b.cellPixels?.height
    }

    /// Nil when the descriptor is not a terminal.
    public static func of(descriptor: Int32) -> TerminalWindowSize? {
        var window = winsize()
        guard ioctl(descriptor, UInt(TIOCGWINSZ), &window) == 0, window.ws_col > 0, window.ws_row > 0 else { return nil }
        let cell = window.ws_xpixel > 0 && window.ws_ypixel > 0
            ? (Int(window.ws_xpixel) / Int(window.ws_col), Int(window.ws_ypixel) / Int(window.ws_row)) : nil
        return TerminalWindowSize(columns: Int(window.ws_col), rows: Int(window.ws_row), cellPixels: cell)
    }
}
