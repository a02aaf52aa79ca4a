@preconcurrency import CNCurses
import Foundation
import Glibc
import SynthUI

/// Where the screen reads keys and writes output.
public enum TerminalDevice: Sendable {
    /// The process's terminal: stdin, stdout and `$TERM`.
    case standard
    /// Any pair of descriptors with a named terminal type (tests use pipes and /dev/null).
    case headless(terminalType: String, input: Int32, output: Int32)
}

public enum TerminalScreenError: Error, CustomStringConvertible {
    case cannotOpen(terminalType: String)

    public var description: String {
        switch self {
        case .cannotOpen(let type): "cannot open the terminal (TERM=\(type))"
        }
    }
}

/// The curses screen: opens and restores the terminal, paints cell grids, reads keystrokes.
/// Curses is not thread-safe: create and use it on the main thread only.
public final class TerminalScreen {
    public let inputDescriptor: Int32
    public let outputDescriptor: Int32
    /// Key codes, including the ones curses assigned to this terminal's extended names (Ctrl-arrows, …).
    public private(set) var keyCodes: KeyCodeTable = .standard
    public private(set) var colorDepth: ColorDepth = .monochrome
    /// Cells written by the last `paint`, and since the screen opened.
    public internal(set) var cellsPaintedLastFrame = 0
    public internal(set) var cellsPaintedTotal = 0

    var colorPairs: ColorPairs
    private var cursorVisible = false
    var lastPainted: CellGrid?
    /// The pictures the last `paint` wrote after its frame.
    var lastGraphics: [GraphicsOverlay] = []
    private let screen: OpaquePointer
    private let inputFile: UnsafeMutablePointer<FILE>
    private let outputFile: UnsafeMutablePointer<FILE>
    private let ownsFiles: Bool
    private var isOpen = true
    private let colorChoice: ColorChoice
    private let environment: [String: String]

    /// Private modes switched on after curses starts: SGR mouse with drag (button-event) tracking, bracketed paste.
    private static let modesOn = "\u{1B}[?1002h\u{1B}[?1006h\u{1B}[?2004h"
    private static let modesOff = "\u{1B}[?2004l\u{1B}[?1002l\u{1B}[?1006l\u{1B}[?1000l"

    public init(
        theme: Theme, colors: ColorChoice = .automatic, device: TerminalDevice = .standard,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        setlocale(LC_ALL, "")
        self.colorChoice = colors
        self.environment = environment
        let terminalType: String
        switch device {
        case .standard:
            terminalType = environment["TERM"].flatMap { $0.isEmpty ? nil : $0 } ?? "xterm-256color"
            inputDescriptor = STDIN_FILENO
            outputDescriptor = STDOUT_FILENO
            inputFile = stdin
            outputFile = stdout
            ownsFiles = false
            TerminalRestore.saveTerminalState(input: STDIN_FILENO, output: STDOUT_FILENO)
            TerminalRestore.prepareResetSequence(Self.modesOff)
            TerminalRestore.installFatalSignalHandlers()
        case .headless(let type, let input, let output):
            terminalType = type
            inputDescriptor = input
            outputDescriptor = output
            // Duplicates, so closing curses' FILEs leaves the caller's descriptors open.
            guard let inFile = fdopen(dup(input), "r"), let outFile = fdopen(dup(output), "w") else {
                throw TerminalScreenError.cannotOpen(terminalType: type)
            }
            inputFile = inFile
            outputFile = outFile
            ownsFiles = true
        }
        guard let opened = newterm(terminalType, outputFile, inputFile) else {
            if ownsFiles {
                fclose(inputFile)
                fclose(outputFile)
            }
            throw TerminalScreenError.cannotOpen(terminalType: terminalType)
        }
        screen = opened
        colorPairs = ColorPairs(theme: theme, depth: .monochrome)
        enterProgramMode()
        startColors(theme: theme)
        keyCodes = KeyCodeTable.standard.addingExtendedNames(lookup: Self.extendedKeyCode)
        if case .standard = device {
            TerminalRestore.prepareResetSequence(Self.modesOff + Self.capability("cnorm") + Self.capability("rmcup"))
        }
    }

    deinit { close() }

    /// Rows and columns of the terminal as curses currently sees it.
    public var size: (rows: Int, columns: Int) { (Int(sp_lines()), Int(sp_cols())) }

    /// Restores the terminal. Safe to call twice.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        let erase = Set(lastGraphics.map(\.erase)).sorted().joined()
        writeToTerminal(erase + Self.modesOff)
        mousemask(0, nil)
        endwin()
        delscreen(screen)
        if ownsFiles {
            fclose(inputFile)
            fclose(outputFile)
        } else {
            // endwin left the alternate screen; a late signal must not leave it a second time (that would
            // restore a stale cursor position), so from now on the handlers only switch modes off.
            TerminalRestore.prepareResetSequence(Self.modesOff)
        }
    }

    /// Leaves curses mode so another program (the user's $EDITOR) can have the terminal.
    public func suspend() {
        writeToTerminal(Self.modesOff)
        endwin()
    }

    /// Takes the terminal back after `suspend` and forgets what was on screen, so the next paint is full.
    public func resume() {
        refresh()
        enterProgramMode()
        clearok(sp_stdscr(), true)
        lastPainted = nil
    }

    /// Shows or hides the terminal's cursor, calling curses only on a change.
    func setCursorVisible(_ visible: Bool) {
        guard visible != cursorVisible else { return }
        cursorVisible = visible
        curs_set(visible ? 1 : 0)
    }

    /// Uses another theme's colours from the next paint on.
    public func setTheme(_ theme: Theme) {
        colorPairs = ColorPairs(theme: theme, depth: colorDepth)
        lastPainted = nil
    }

    /// Reads everything curses has ready without waiting (nodelay), mouse reports included.
    public func readKeystrokes(into out: inout [Keystroke]) {
        while readKeystroke(into: &out) {}
    }

    /// One `get_wch` without waiting: appends what it returned (a KEY_MOUSE brings every queued report).
    /// False when nothing was ready.
    public func readKeystroke(into out: inout [Keystroke]) -> Bool {
        var character: wint_t = 0
        let status = wget_wch(sp_stdscr(), &character)
        if status == ERR { return false }
        if status == KEY_CODE_YES {
            let code = Int32(bitPattern: character)
            if code == KEY_MOUSE {
                readMouseReports(into: &out)
            } else {
                out.append(.keyCode(code))
            }
        } else {
            out.append(.scalar(character))
        }
        return true
    }

    /// Reads whatever bytes the terminal has right now, bypassing curses (for bulk paste); 0 when none.
    /// Only call when curses has nothing buffered, i.e. after `readKeystrokes` came back empty.
    public func readAvailableBytes(into buffer: UnsafeMutableRawBufferPointer) -> Int {
        var descriptor = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, 0) > 0, descriptor.revents & Int16(POLLIN) != 0 else { return 0 }
        let count = read(inputDescriptor, buffer.baseAddress, buffer.count)
        return max(0, count)
    }

    // MARK: - Setup

    private func enterProgramMode() {
        raw()
        noecho()
        nonl()
        keypad(sp_stdscr(), true)
        nodelay(sp_stdscr(), true)
        set_escdelay(KeyDecoder.escapeTimeoutMilliseconds)
        curs_set(cursorVisible ? 1 : 0)
        let wanted = sp_all_mouse_events() | sp_report_mouse_position()
        mousemask(wanted, nil)
        mouseinterval(0)  // raw presses and releases, no click synthesis delay
        writeToTerminal(Self.modesOn)
    }

    private func startColors(theme: Theme) {
        let wantsColor: Bool
        switch colorChoice {
        case .automatic: wantsColor = (environment["NO_COLOR"] ?? "").isEmpty
        case .fixed(let depth): wantsColor = depth != .monochrome
        }
        if wantsColor, has_colors() {
            start_color()
            use_default_colors()
        }
        colorDepth = wantsColor ? ColorPairs.depth(for: colorChoice, environment: environment) : .monochrome
        colorPairs = ColorPairs(theme: theme, depth: colorDepth)
    }

    private static func capability(_ name: String) -> String {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return "" }
        return String(cString: value)
    }

    private static func extendedKeyCode(_ name: String) -> Int32? {
        guard let value = tigetstr(name), Int(bitPattern: value) != -1 else { return nil }
        let code = key_defined(value)
        return code > 0 ? code : nil
    }

    func writeToTerminal(_ text: String) {
        fflush(outputFile)
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(outputDescriptor, $0.baseAddress, $0.count) }
    }

    // MARK: - Mouse

    /// Curses queues the mouse events of one read and `getmouse` hands them out newest first, one per
    /// call, while `get_wch` says KEY_MOUSE only once: take them all, oldest first.
    private func readMouseReports(into out: inout [Keystroke]) {
        var reports: [MouseReport] = []
        var event = MEVENT()
        while reports.count < 16, getmouse(&event) == OK {
            if let report = Self.mouseReport(event) { reports.append(report) }
        }
        for report in reports.reversed() { out.append(.mouse(report)) }
    }

    private static func mouseReport(_ event: MEVENT) -> MouseReport? {
        let state = event.bstate
        var modifiers: KeyModifiers = []
        if state & sp_button_shift() != 0 { modifiers.insert(.shift) }
        if state & sp_button_ctrl() != 0 { modifiers.insert(.control) }
        if state & sp_button_alt() != 0 { modifiers.insert(.alt) }
        let action: MouseReport.Action
        if state & sp_button_pressed(4) != 0 {
            action = .wheelUp
        } else if state & sp_button_pressed(5) != 0 {
            action = .wheelDown
        } else if let button = (1...3).first(where: { state & sp_button_pressed(Int32($0)) != 0 }) {
            action = .press(button: button)
        } else if let button = (1...3).first(where: {
            state & (sp_button_released(Int32($0)) | sp_button_clicked(Int32($0))) != 0
        }) {
            action = .release(button: button)
        } else if state & sp_report_mouse_position() != 0 {
            action = .drag
        } else {
            return nil
        }
        return MouseReport(action: action, row: Int(event.y), column: Int(event.x), modifiers: modifiers)
    }
}
