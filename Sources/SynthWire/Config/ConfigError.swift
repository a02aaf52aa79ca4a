/// A problem with the configuration or a key file, naming the file (and line when known).
public struct ConfigError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let message: String
    /// Further problems found in the same file, so that fixing one does not just reveal the next.
    public var more: [ConfigError] = []

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// One problem a line, in the file's order.
    public var description: String {
        ([self] + more).map { error in
            if let line = error.line { return "\(error.file):\(line): \(error.message)" }
            return "\(error.file): \(error.message)"
        }.joined(separator: "\n")
    }
}
