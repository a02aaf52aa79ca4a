import Glibc

/// Puts the terminal back the way we found it when the process dies of a signal, and wakes the event loop
/// on SIGWINCH from whichever thread the kernel picked.
///
/// Signal handlers may only do async-signal-safe things, so everything they need (the saved termios, the
/// reset bytes, the descriptors) is prepared in advance in these globals. They are written on the main
/// thread while no handler is installed, and only read by the handlers.
public enum TerminalRestore {
    nonisolated(unsafe) private static var savedTermios = termios()
    nonisolated(unsafe) private static var haveSavedTermios = false
    nonisolated(unsafe) private static var terminalInput: Int32 = -1
    nonisolated(unsafe) private static var terminalOutput: Int32 = -1
    nonisolated(unsafe) private static var resetBytes: UnsafeMutableBufferPointer<UInt8>?
    nonisolated(unsafe) private static var wakeDescriptor: Int32 = -1
    nonisolated(unsafe) private static var cursesResizeHandler: (@convention(c) (Int32) -> Void)?
    nonisolated(unsafe) private static var installed = false

    public static let fatalSignals: [Int32] = [SIGTERM, SIGINT, SIGHUP, SIGQUIT]

    /// Remembers the cooked terminal settings; call before curses changes them.
    public static func saveTerminalState(input: Int32, output: Int32) {
        terminalInput = input
        terminalOutput = output
        haveSavedTermios = isatty(input) == 1 && tcgetattr(input, &savedTermios) == 0
    }

    /// The bytes that switch off what we switched on (paste, drag tracking, mouse, alternate screen).
    public static func prepareResetSequence(_ text: String) {
        let bytes = Array(text.utf8)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = buffer.initialize(from: bytes)
        let old = resetBytes
        resetBytes = buffer
        old?.deallocate()
    }

    /// Installs the fatal-signal handlers. Call before `newterm`, so curses sees them taken and leaves them alone.
    public static func installFatalSignalHandlers() {
        guard !installed else { return }
        installed = true
        for signal in fatalSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                TerminalRestore.restoreFromSignalHandler()
                Glibc.signal(signal, SIG_DFL)
                raise(signal)
            }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
    }

    /// Chains a SIGWINCH handler in front of curses' own (install after `newterm`): curses still learns of
    /// the resize (and reports KEY_RESIZE), and one byte on the wake pipe makes `poll` return.
    public static func installResizeWakeup(wakeDescriptor descriptor: Int32) {
        wakeDescriptor = descriptor
        var previous = sigaction()
        sigaction(SIGWINCH, nil, &previous)
        if previous.sa_flags & SA_SIGINFO == 0 {
            let handler = previous.__sigaction_handler.sa_handler
            // SIG_DFL and SIG_IGN are small integers, not functions to call.
            let raw = unsafeBitCast(handler, to: Int.self)
            if raw != 0, raw != 1 { cursesResizeHandler = handler }
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { signal in
            TerminalRestore.cursesResizeHandler?(signal)
            var byte: UInt8 = 0x57
            if TerminalRestore.wakeDescriptor >= 0 { _ = write(TerminalRestore.wakeDescriptor, &byte, 1) }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGWINCH, &action, nil)
    }

    public static func removeResizeWakeup() {
        wakeDescriptor = -1
    }

    /// Async-signal-safe: only write(2) and tcsetattr(3).
    public static func restoreFromSignalHandler() {
        if let bytes = resetBytes, terminalOutput >= 0, let base = bytes.baseAddress {
            _ = write(terminalOutput, base, bytes.count)
        }
        if haveSavedTermios { _ = tcsetattr(terminalInput, TCSAFLUSH, &savedTermios) }
    }
}
