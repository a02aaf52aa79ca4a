// One terminal cell and how it should look, in terms the theme understands.

/// Text attributes layered on top of a role's colours.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let reverse = TextAttributes(rawValue: 8)
    public static let italic = TextAttributes(rawValue: 16)
}

/// Colours a cell carries itself instead of its role's: the pixels of a picture drawn as block symbols.
public struct CellColors: Sendable, Hashable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public init(foreground: ThemeColor, background: ThemeColor) {
        self.foreground = foreground
        self.background = background
    }
}

/// The look of a cell: a semantic role (coloured by the theme) plus attributes; a picture's cells bring their own
/// colours (`colors`), which win over the role's.
public struct CellStyle: Sendable, Hashable {
    public var role: ThemeRole
    public var attributes: TextAttributes
    public var colors: CellColors?
    public init(_ role: ThemeRole, _ attributes: TextAttributes = [], colors: CellColors? = nil) {
        self.role = role
        self.attributes = attributes
        self.colors = colors
    }
    public static let plain = CellStyle(.text)
}

/// One cell of the screen. A wide grapheme fills its first cell (width 2) and leaves a continuation cell (width 0, empty text).
public struct Cell: Sendable, Hashable {
    public var text: String
    public var width: UInt8
    public var style: CellStyle
    public init(text: String, width: UInt8, style: CellStyle) {
        self.text = text
        self.width = width
        self.style = style
    }
    public static let blank = Cell(text: " ", width: 1, style: .plain)
    public var isContinuation: Bool { width == 0 }
}
