// A theme maps every role to colours, with explicit or computed fallbacks for 256- and 8-colour terminals.

/// A terminal colour as written in a theme file.
public enum ThemeColor: Sendable, Hashable {
    /// The terminal's own default foreground/background.
    case terminalDefault
    /// One of the 256 palette entries (0-7 are the basic eight, 8-15 their bright forms).
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// The eight basic colour names and their bright forms, in palette order.
    public static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// The nearest colour a terminal with `depth` colours can show.
    public func reduced(to depth: ColorDepth) -> ThemeColor {
        switch (self, depth) {
        case (.terminalDefault, _), (_, .trueColor): return self
        case (.indexed(let i), .palette256): return .indexed(i)
        case (.rgb(let r, let g, let b), .palette256): return .indexed(ThemeColor.nearest256(r, g, b))
        case (.indexed(let i), .basic8):
            if i < 8 { return .indexed(i) }
            if i < 16 { return .indexed(i - 8) }
            let (r, g, b) = ThemeColor.rgbOf256(i)
            return .indexed(ThemeColor.nearest8(r, g, b))
        case (.rgb(let r, let g, let b), .basic8): return .indexed(ThemeColor.nearest8(r, g, b))
        case (_, .monochrome): return .terminalDefault
        }
    }

    public static func rgbOf256(_ i: UInt8) -> (UInt8, UInt8, UInt8) {
        let basic: [(UInt8, UInt8, UInt8)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if i < 16 { return basic[Int(i)] }
        if i >= 232 { let v = UInt8(8 + 10 * (Int(i) - 232)); return (v, v, v) }
        let n = Int(i) - 16
        let level: (Int) -> UInt8 = { $0 == 0 ? 0 : UInt8(55 + 40 * $0) }
        return (level(n / 36), level((n / 6) % 6), level(n % 6))
    }

    public static func nearest256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        var best: UInt8 = 16
        var bestDistance = Int.max
        for i in 16...255 {
            let (cr, cg, cb) = rgbOf256(UInt8(i))
            let d = sq(Int(cr) - Int(r)) + sq(Int(cg) - Int(g)) + sq(Int(cb) - Int(b))
            if d < bestDistance { bestDistance = d; best = UInt8(i) }
        }
        return best
    }

    public static func nearest8(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> UInt8 {
        // Threshold each channel: crude but predictable, and keeps greys readable (dark → black, light → white).
        let bits = (r > 127 ? 1 : 0) | (g > 127 ? 2 : 0) | (b > 127 ? 4 : 0)
        return UInt8(bits)
    }

    private static func sq(_ v: Int) -> Int { v * v }
}

/// How many colours the terminal can show.
public enum ColorDepth: Sendable, Hashable {
    case monochrome, basic8, palette256, trueColor
}

/// The colours and attributes of one role, with optional hand-picked fallbacks.
public struct RoleLook: Sendable, Hashable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var foreground256: ThemeColor?
    public var background256: ThemeColor?
    public var foreground8: ThemeColor?
    public var background8: ThemeColor?
    public var attributes: TextAttributes

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                attributes: TextAttributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The colours to use on a terminal of the given depth.
    public func colors(for depth: ColorDepth) -> (foreground: ThemeColor, background: ThemeColor) {
        switch depth {
        case .trueColor: return (foreground, background)
        case .palette256:
            return (foreground256 ?? foreground.reduced(to: .palette256), background256 ?? background.reduced(to: .palette256))
        case .basic8:
            return ((foreground8 ?? foreground256 ?? foreground).reduced(to: .basic8),
                    (background8 ?? background256 ?? background).reduced(to: .basic8))
        case .monochrome: return (.terminalDefault, .terminalDefault)
        }
    }
}

/// A named mapping from every role to its look. Roles a theme file leaves out fall back to the base theme's.
public struct Theme: Sendable, Hashable {
    public var name: String
    public var looks: [ThemeRole: RoleLook]
    /// True for themes that rely on attributes only (mono, NO_COLOR).
    public var isMonochrome: Bool

    public init(name: String, looks: [ThemeRole: RoleLook], isMonochrome: Bool = false) {
        self.name = name
        self.looks = looks
        self.isMonochrome = isMonochrome
    }

    public func look(_ role: ThemeRole) -> RoleLook { looks[role] ?? looks[.text] ?? RoleLook() }
}
