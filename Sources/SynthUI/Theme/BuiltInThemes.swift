// The themes compiled in: the default (used when a theme file is broken) and mono (NO_COLOR).

extension Theme {
    /// The dark default. themes/default.toml says the same thing in the file format (a test keeps them equal).
    public static let builtInDefault: Theme = {
        func look(_ fg: ThemeColor, _ bg: ThemeColor = .terminalDefault, _ attrs: TextAttributes = [],
                  fg256: UInt8? = nil, fg8: UInt8? = nil, bg8: UInt8? = nil) -> RoleLook {
            var l = RoleLook(foreground: fg, background: bg, attributes: attrs)
            l.foreground256 = fg256.map { .indexed($0) }
            l.foreground8 = fg8.map { .indexed($0) }
            l.background8 = bg8.map { .indexed($0) }
            return l
        }
        let looks: [ThemeRole: RoleLook] = [
            .text: look(.terminalDefault),
            .paneBorder: look(.rgb(0x5f, 0x6b, 0x7a), fg8: 7),
            .focusedBorder: look(.rgb(0x5f, 0xaf, 0xff), .terminalDefault, [.bold], fg8: 6),
            .paneTitle: look(.rgb(0x8a, 0x94, 0xa3), fg8: 7),
            .focusedTitle: look(.rgb(0x87, 0xd7, 0xff), .terminalDefault, [.bold], fg8: 6),
            .promptText: look(.terminalDefault),
            .cursor: look(.terminalDefault, .terminalDefault, [.reverse]),
            .selection: look(.rgb(0x00, 0x00, 0x00), .rgb(0x5f, 0xaf, 0xff), fg8: 0, bg8: 6),
            .outputText: look(.rgb(0xe4, 0xe4, 0xe4), fg8: 7),
            .promptEcho: look(.rgb(0x6c, 0x6c, 0x6c), .terminalDefault, [.dim], fg8: 7),
            .tabActive: look(.rgb(0x00, 0x00, 0x00), .rgb(0x87, 0xd7, 0xff), [.bold], fg8: 0, bg8: 6),
            .tabInactive: look(.rgb(0x8a, 0x94, 0xa3), fg8: 7),
            .statsLine: look(.rgb(0x87, 0xaf, 0x87), fg8: 2),
            .sliderLabel: look(.terminalDefault),
            .sliderValue: look(.rgb(0xff, 0xd7, 0x5f), .terminalDefault, [.bold], fg8: 3),
            .sliderBar: look(.rgb(0x5f, 0xaf, 0xff), fg8: 4),
            .sliderTrack: look(.rgb(0x44, 0x44, 0x44), fg8: 7),
            .focusedRow: look(.terminalDefault, .rgb(0x26, 0x32, 0x3f), [.bold], fg8: 7, bg8: 4),
            .disabled: look(.rgb(0x58, 0x58, 0x58), .terminalDefault, [.dim], fg8: 7),
            .input: look(.rgb(0xff, 0xff, 0xff), .rgb(0x30, 0x30, 0x30), fg8: 7, bg8: 4),
            .statusBar: look(.rgb(0xd0, 0xd0, 0xd0), .rgb(0x26, 0x26, 0x26), fg8: 7, bg8: 4),
            .statusAccent: look(.rgb(0x87, 0xd7, 0xff), .rgb(0x26, 0x26, 0x26), [.bold], fg8: 6, bg8: 4),
            .keyHint: look(.rgb(0x9e, 0x9e, 0x9e), .rgb(0x26, 0x26, 0x26), fg8: 7, bg8: 4),
            .spinner: look(.rgb(0xff, 0xd7, 0x5f), .rgb(0x26, 0x26, 0x26), [.bold], fg8: 3, bg8: 4),
            .error: look(.rgb(0xff, 0x5f, 0x5f), .terminalDefault, [.bold], fg8: 1),
            .warning: look(.rgb(0xff, 0xaf, 0x00), fg8: 3),
            .overlay: look(.rgb(0xe4, 0xe4, 0xe4), .rgb(0x1c, 0x1c, 0x1c), fg8: 7, bg8: 0),
            .overlayTitle: look(.rgb(0x87, 0xd7, 0xff), .rgb(0x1c, 0x1c, 0x1c), [.bold], fg8: 6, bg8: 0),
            .tokenHigh: look(.rgb(0xe4, 0xe4, 0xe4), fg8: 7),
            .tokenMid: look(.rgb(0xff, 0xd7, 0x5f), fg8: 3),
            .tokenLow: look(.rgb(0xff, 0x87, 0x5f), .terminalDefault, [.underline], fg8: 1),
        ]
        return Theme(name: "default", looks: looks)
    }()

    /// No colours at all, only attributes: what NO_COLOR asks for.
    public static let builtInMono: Theme = {
        var looks: [ThemeRole: RoleLook] = [:]
        let attrs: [ThemeRole: TextAttributes] = [
            .focusedBorder: [.bold], .focusedTitle: [.bold, .underline], .cursor: [.reverse], .selection: [.reverse],
            .promptEcho: [.dim], .tabActive: [.reverse, .bold], .sliderValue: [.bold], .sliderTrack: [.dim],
            .focusedRow: [.bold, .underline], .disabled: [.dim], .input: [.underline], .statusBar: [.reverse],
            .statusAccent: [.reverse, .bold], .keyHint: [.reverse], .spinner: [.reverse, .bold], .error: [.bold, .underline],
            .warning: [.bold], .overlayTitle: [.bold], .tokenMid: [.dim], .tokenLow: [.underline],
        ]
        for role in ThemeRole.allCases { looks[role] = RoleLook(attributes: attrs[role] ?? []) }
        return Theme(name: "mono", looks: looks, isMonochrome: true)
    }()
}
