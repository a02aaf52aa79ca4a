import Foundation

/// synthpad-engine: `synthpad serve` in a binary of its own, linked with the server and the inference core only.
///
/// A serving process holds the model and whatever its binary maps. The full synthpad binary also maps the TUI's
/// libraries (ncurses, chafa and glib, libjpeg-turbo, SQLite) and is itself larger, which kept `serve` above
/// 1.5× the GGUF file it serves (issue 16). So `synthpad serve` execs synthpad-engine when it is installed beside
/// synthpad (same pid, same command line, same output), and runs in-process as before when it is not.
public enum EngineExecutable {
    public static let name = "synthpad-engine"

    /// The running binary (/proc/self/exe), else argv[0].
    public static var ownPath: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// synthpad-engine beside the running binary, if it is there and executable.
    public static var besideOwn: String? {
        let path = URL(fileURLWithPath: ownPath).deletingLastPathComponent().appendingPathComponent(name).path
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }

    /// The binary that runs `serve …`: synthpad-engine where installed, else this one.
    public static var forServe: String { besideOwn ?? ownPath }

    /// Replaces this process by synthpad-engine running the same arguments; returns where there is none (or this
    /// is it). To be called on the main thread before any other starts: exec keeps the caller's signal mask.
    public static func handOff() throws {
        guard let engine = besideOwn, engine != ownPath else { return }
        var argv: [UnsafeMutablePointer<CChar>?] = CommandLine.arguments.map { strdup($0) } + [nil]
        execv(engine, &argv)
        let reason = String(cString: strerror(errno))
        for pointer in argv { free(pointer) }
        throw CLIError.failed("cannot run \(engine): \(reason)")
    }
}
