// 24-bit theme colours through curses, which has no true-colour pairs of its own: either the terminal's terminfo
// takes colours as 0xRRGGBB numbers (direct colour, e.g. TERM=xterm-direct), or the palette can be redefined
// (`ccc`, e.g. xterm-256color), and then each theme colour gets a palette slot of its own above the sixteen the
// terminal's own colours use. Curses puts the palette back when it ends (`oc`).
@preconcurrency import CNCurses
import SynthUI

enum TrueColorMethod: Equatable {
    case direct
    case redefinedPalette

    /// How this terminal can show 24-bit colour, if it can. Needs an open screen with colour started.
    static var available: TrueColorMethod? {
        guard has_colors() else { return nil }
        if tigetflag("RGB") > 0 || sp_colors() >= 0x1000000 { return .direct }
        if can_change_color(), sp_colors() >= 256 { return .redefinedPalette }
        return nil
    }
}

/// Turns theme colours into curses colour numbers for one true-colour method, defining palette slots as needed.
struct TrueColors {
    let method: TrueColorMethod
    private var slots: [UInt32: Int32] = [:]
    /// The next palette slot to define (the first sixteen stay the terminal's).
    private var nextSlot: Int32 = 16

    init(method: TrueColorMethod) {
        self.method = method
    }

    mutating func number(for color: ThemeColor) -> Int32 {
        switch color {
        case .terminalDefault: return -1
        case .indexed(let i) where i < 8: return Int32(i)  // the terminal's own colours, as the user set them
        case .indexed(let i) where i < 16 && method == .redefinedPalette: return Int32(i)
        case .indexed(let i):
            let (r, g, b) = ThemeColor.rgbOf256(i)
            return number(r, g, b)
        case .rgb(let r, let g, let b): return number(r, g, b)
        }
    }

    private mutating func number(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int32 {
        // Direct colour reads numbers below 8 as the basic eight: a near-black that low is nudged to 8.
        if method == .direct { return max(8, Self.packed(r, g, b)) }
        let key = UInt32(Self.packed(r, g, b))
        if let slot = slots[key] { return slot }
        guard nextSlot < Int32(sp_colors()) else { return Int32(ThemeColor.nearest256(r, g, b)) }
        let slot = nextSlot
        nextSlot += 1
        // Curses takes each channel as 0…1000.
        init_extended_color(slot, Int32(r) * 1000 / 255, Int32(g) * 1000 / 255, Int32(b) * 1000 / 255)
        slots[key] = slot
        return slot
    }

    /// Whether a palette entry now holds a theme colour instead of its standard one.
    func isRedefined(_ index: Int32) -> Bool { method == .redefinedPalette && index >= 16 && index < nextSlot }

    static func packed(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int32 { Int32(r) << 16 | Int32(g) << 8 | Int32(b) }
}
