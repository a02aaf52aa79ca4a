@preconcurrency import CNCurses
import Glibc
import SynthUI

/// The colour depth the terminal can show, as far as this process is allowed to use it.
public enum ColorChoice: Sendable, Equatable {
    /// 256 → 8 → none, from what curses reports; NO_COLOR in the environment means none.
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
    private var pairByColors: [Int32: Int16] = [:]
    private var nextPair: Int16 = Int16(ThemeRole.allCases.count + 1)

    /// Decides the depth. Needs an open screen (COLORS is only known after `start_color`).
    static func depth(for choice: ColorChoice, environment: [String: String]) -> ColorDepth {
        let available: ColorDepth
        if !has_colors() {
            available = .monochrome
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
            return available
        case .fixed(let wanted):
            return rank(wanted) <= rank(available) ? wanted : available
        }
    }

    /// Defines the pairs in curses. Call with the screen open and `start_color` done (unless monochrome).
    init(theme: Theme, depth: ColorDepth) {
        self.depth = depth
        // Curses has no true-colour pairs without extended colour calls: 256 entries is what we address.
        let paletteDepth: ColorDepth = depth == .trueColor ? .palette256 : depth
        for (index, role) in ThemeRole.allCases.enumerated() {
            let look = theme.look(role)
            attributesByRole[role] = look.attributes
            guard paletteDepth != .monochrome else { continue }
            let pair = Int16(index + 1)
            let colors = look.colors(for: paletteDepth)
            init_pair(pair, Self.cursesColor(colors.foreground), Self.cursesColor(colors.background))
            pairByRole[role] = pair
        }
    }

    func pair(for role: ThemeRole) -> Int16 { pairByRole[role] ?? 0 }

    /// The pair for a cell: its role's, or one for its own colours reduced to the palette (made the first time;
    /// once the terminal's pairs run out, the role's).
    mutating func pair(for style: CellStyle) -> Int16 {
        guard let colors = style.colors, depth != .monochrome else { return pair(for: style.role) }
        let foreground = Self.cursesColor(colors.foreground), background = Self.cursesColor(colors.background)
        let key = Int32(foreground) << 16 | Int32(UInt16(bitPattern: background))
        if let pair = pairByColors[key] { return pair }
        guard Int32(nextPair) < min(sp_color_pairs(), Int32(Int16.max)) else { return pair(for: style.role) }
        init_pair(nextPair, foreground, background)
        pairByColors[key] = nextPair
        nextPair += 1
        return pairByColors[key]!
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
