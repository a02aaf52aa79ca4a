import SynthWire

/// An error the CLI reports as one line on stderr.
public enum CLIError: Error, CustomStringConvertible {
    /// The command line itself is wrong (exit 64, like sysexits' EX_USAGE).
    case usage(String)
    /// The request failed or could not be made (exit 1).
    case failed(String)
    /// The user interrupted with Ctrl-C (exit 130, as shells report SIGINT).
    case interrupted

    public var description: String {
        switch self {
        case .usage(let message), .failed(let message): message
        case .interrupted: "interrupted"
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .usage: 64
        case .failed: 1
        case .interrupted: 130
        }
    }
}
