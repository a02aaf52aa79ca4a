import Foundation
import TerminalBackend
import Glibc

/// Edits text in the user's editor ($VISUAL, then $EDITOR, then vi) on a temporary file, with the screen
/// suspended while it runs. Blocks the main loop, which is what the user expects: the editor owns the terminal.
enum ExternalEditor {
    /// The edited text, or nil when the editor could not start or exited with a failure.
    static func edit(_ text: String, screen: TerminalScreen, environment: [String: String]) -> String? {
        let command = [environment["VISUAL"], environment["EDITOR"]]
            .compactMap { $0?.trimmingCharacters(in: .whitespaces) }
            .first { !$0.isEmpty } ?? "vi"
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("synthpad-prompt-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).txt")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(text.utf8),
                                             attributes: [.posixPermissions: 0o600]) else { return nil }
        defer { try? FileManager.default.removeItem(at: file) }

        screen.suspend()
        // Through the shell, so EDITOR may carry arguments ("code --wait"); the path goes as "$1", unquoted never.
        let status = runInForeground(["/bin/sh", "-c", command + " \"$1\"", "synthpad-editor", file.path])
        screen.resume()

        guard status == 0, let data = FileManager.default.contents(atPath: file.path) else { return nil }
        var edited = String(decoding: data, as: UTF8.self)
        // Editors add a final newline the user did not type.
        if edited.hasSuffix("\n"), !text.hasSuffix("\n") { edited.removeLast() }
        return edited
    }

    /// Runs a program on our terminal and waits for it. Ctrl-C in the editor must not kill the playground,
    /// so SIGINT and SIGQUIT are ignored here meanwhile, and reset to default in the child.
    private static func runInForeground(_ arguments: [String]) -> Int32 {
        let previousInterrupt = signal(SIGINT, SIG_IGN)
        let previousQuit = signal(SIGQUIT, SIG_IGN)
        defer {
            signal(SIGINT, previousInterrupt)
            signal(SIGQUIT, previousQuit)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGWINCH, SIGTERM, SIGHUP] { sigaddset(&defaults, signal) }
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &unblocked)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var cArguments: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for argument in cArguments { free(argument) } }
        var child: pid_t = 0
        guard posix_spawn(&child, arguments[0], nil, &attributes, &cArguments, environ) == 0 else { return -1 }
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0, errno == EINTR {}
        // WIFEXITED / WEXITSTATUS, spelled out (the macros do not import).
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : -1
    }
}
