@preconcurrency import CNCurses
import Glibc
import SynthUI

/// The colour depth the terminal can show, as far as this process is allowed to use it.
public enum ColorChoice: Sendable, Equatable {
    /// True colour when the terminal says so (COLORTERM=truecolor or 24bit) and curses can show it, else 256 → 8 →
    /// none, from what curses reports; NO_COLOR in the environment means none.
    case automatic
    /// Exactly this depth (tests, `--color` flags), clamped to what the terminal can do.
    case fixed(ColorDepth)
}

/// One curses colour pair per theme role, plus each role's attributes, for the depth in use.
struct ColorPairs {
    let depth: ColorDepth
    private var pairByRole: [ThemeRole: Int16] = [:]
    private var attributesByRole: [ThemeRole: TextAttributes] = [:]
    /// Pairs made on demand for cells that bring their own colours (pictures drawn as symbols), by palette entries.
    private var pairByColors: [Int64: Int16] = [:]
    /// How 24-bit colours reach this terminal, when it shows them.
    private var trueColor: TrueColors?
    private var nextPair: Int16 = Int16(ThemeRole.allCases.count + 1)

    /// Decides the depth. Needs an open screen (COLORS is only known after `start_color`).
    static func depth(for choice: ColorChoice, environment: [String: String]) -> ColorDepth {
        let available: ColorDepth
        if !has_colors() {
            available = .monochrome
        } else if TrueColorMethod.available != nil {
            available = .trueColor
        } else if sp_colors() >= 256 {
            available = .palette256
        } else if sp_colors() >= 8 {
            available = .basic8
        } else {
            available = .monochrome
        }
        switch choice {
        case .automatic:
            // https://no-color.org: any non-empty value switches colour off.
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
            // Only the terminal knows it shows 24-bit colour; terminfo may allow it on terminals that do not.
            let saysTrueColor = ["truecolor", "24bit"].contains(environment["COLORTERM"]?.lowercased() ?? "")
            if available == .trueColor, !saysTrueColor { return .palette256 }
            return available
        case .fixed(let wanted):
            return rank(wanted) <= rank(available) ? wanted : available
        }
    }

    /// Defines the pairs in curses. Call with the screen open and `start_color` done (unless monochrome).
    init(theme: Theme, depth: ColorDepth) {
        self.depth = depth
        trueColor = depth == .trueColor ? TrueColorMethod.available.map { TrueColors(method: $0) } : nil
        let paletteDepth: ColorDepth = depth == .trueColor && trueColor == nil ? .palette256 : depth
        for (index, role) in ThemeRole.allCases.enumerated() {
            let look = theme.look(role)
            attributesByRole[role] = look.attributes
            guard paletteDepth != .monochrome else { continue }
            let pair = Int16(index + 1)
            let colors = look.colors(for: paletteDepth)
            if trueColor != nil {
                init_extended_pair(Int32(pair), trueColor!.number(for: colors.foreground),
                                   trueColor!.number(for: colors.background))
            } else {
                init_pair(pair, Self.cursesColor(colors.foreground), Self.cursesColor(colors.background))
            }
            pairByRole[role] = pair
        }
    }

    func pair(for role: ThemeRole) -> Int16 { pairByRole[role] ?? 0 }

    /// The pair for a cell: its role's, or one for its own colours (made the first time; once the terminal's pairs
    /// run out, the role's).
    mutating func pair(for style: CellStyle) -> Int16 {
        guard let colors = style.colors, depth != .monochrome else { return pair(for: style.role) }
        let foreground = pictureColor(colors.foreground), background = pictureColor(colors.background)
        let key = Int64(foreground) << 32 | Int64(UInt32(bitPattern: background))
        if let pair = pairByColors[key] { return pair }
        guard Int32(nextPair) < min(sp_color_pairs(), Int32(Int16.max)) else { return pair(for: style.role) }
        if trueColor != nil {
            init_extended_pair(Int32(nextPair), foreground, background)
        } else {
            init_pair(nextPair, Int16(foreground), Int16(background))
        }
        pairByColors[key] = nextPair
        nextPair += 1
        return pairByColors[key]!
    }

    /// A picture's colour as a curses colour number: exact with direct colour; else the nearest palette entry the
    /// theme did not redefine (a picture has far more colours than there are slots to redefine).
    private mutating func pictureColor(_ color: ThemeColor) -> Int32 {
        guard let method = trueColor?.method else { return Int32(Self.cursesColor(color)) }
        if method == .direct { return trueColor!.number(for: color) }
        guard case .rgb(let r, let g, let b) = color else { return Int32(Self.cursesColor(color)) }
        let nearest = Int32(ThemeColor.nearest256(r, g, b))
        return trueColor!.isRedefined(nearest) ? Int32(ThemeColor.nearest8(r, g, b)) : nearest
    }

    func attributes(for style: CellStyle) -> attr_t {
        Self.cursesAttributes(style.attributes.union(attributesByRole[style.role] ?? []))
    }

    private static func rank(_ depth: ColorDepth) -> Int {
        switch depth {
        case .monochrome: 0
        case .basic8: 1
        case .palette256: 2
        case .trueColor: 3
        }
    }

    static func cursesColor(_ color: ThemeColor) -> Int16 {
        switch color {
        case .terminalDefault:
            return -1
        case .indexed(let index):
            return Int16(index) < Int16(truncatingIfNeeded: sp_colors()) ? Int16(index) : -1
        case .rgb(let r, let g, let b):
            return cursesColor(ThemeColor.rgb(r, g, b).reduced(to: sp_colors() >= 256 ? .palette256 : .basic8))
        }
    }

    static func cursesAttributes(_ attributes: TextAttributes) -> attr_t {
        var result = sp_a_normal()
        if attributes.contains(.bold) { result |= sp_a_bold() }
        if attributes.contains(.dim) { result |= sp_a_dim() }
        if attributes.contains(.underline) { result |= sp_a_underline() }
        if attributes.contains(.reverse) { result |= sp_a_reverse() }
        if attributes.contains(.italic) { result |= sp_a_italic() }
        return result
    }
}
