// A theme written back in the file format (to start a new theme from an existing one).

extension ThemeColor {
    /// The colour as a theme file writes it.
    public var fileText: String {
        switch self {
        case .terminalDefault: return "\"default\""
        case .indexed(let i) where i < 16:
            return "\"" + (i >= 8 ? "bright-" : "") + ThemeColor.names[Int(i % 8)] + "\""
        case .indexed(let i): return "\(i)"
        case .rgb(let r, let g, let b):
            let hex = [r, g, b].map { v -> String in
                let s = String(v, radix: 16)
                return s.count == 1 ? "0" + s : s
            }.joined()
            return "\"#\(hex)\""
        }
    }
}

extension Theme {
    /// The theme as TOML that `Theme.parse` reads back to an equal theme.
    public var fileText: String {
        var out = "# synthpad theme. Colours: \"default\", a name (black … white, bright-…), 0-255, or \"#rrggbb\".\n"
        out += "# fg256/bg256 and fg8/bg8 override the automatic fallbacks on smaller palettes.\n"
        out += "name = \"\(name)\"\n"
        if isMonochrome { out += "monochrome = true\n" }
        out += "\n[roles]\n"
        for role in ThemeRole.allCases {
            let look = self.look(role)
            var fields = ["fg = \(look.foreground.fileText)", "bg = \(look.background.fileText)"]
            if let c = look.foreground256 { fields.append("fg256 = \(c.fileText)") }
            if let c = look.background256 { fields.append("bg256 = \(c.fileText)") }
            if let c = look.foreground8 { fields.append("fg8 = \(c.fileText)") }
            if let c = look.background8 { fields.append("bg8 = \(c.fileText)") }
            let attrs = [(TextAttributes.bold, "bold"), (.dim, "dim"), (.underline, "underline"), (.reverse, "reverse"),
                         (.italic, "italic")].filter { look.attributes.contains($0.0) }.map { "\"\($0.1)\"" }
            if !attrs.isEmpty { fields.append("attrs = [\(attrs.joined(separator: ", "))]") }
            out += "\(role.rawValue) = { \(fields.joined(separator: ", ")) }\n"
        }
        return out
    }
}
