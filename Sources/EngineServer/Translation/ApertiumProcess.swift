// Runs one `apertium -u MODE` process: text in on stdin, translation out on stdout, killed if it overruns its deadline.

import Foundation

public enum TranslationFailure: Error, Sendable, Equatable, CustomStringConvertible {
    case apertiumNotInstalled
    /// No chain of installed modes within the hop limit; `reachable`: where `source` can go, `installed`: every mode.
    case unsupportedPair(source: String, target: String, reachable: [String], installed: [String])
    case routeTooLong(source: String, target: String, hops: Int)
    case unknownSourceLanguage(String)
    /// "auto", and cld2 could not tell text `index` (0-based)'s language reliably.
    case undetectedLanguage(index: Int, bestGuess: String?)
    case processFailed(mode: String, status: Int32, message: String)
    case timedOut(mode: String, seconds: Double)
    case tooManyTexts(Int)

    public var description: String {
        switch self {
        case .apertiumNotInstalled:
            return "translation is unavailable: Apertium is not installed (install the 'apertium' package and a language pair, e.g. apertium-eng-spa)"
        case let .unsupportedPair(source, target, reachable, installed):
            let from = reachable.isEmpty ? "nothing" : reachable.joined(separator: ", ")
            return "unsupported language pair \(source)-\(target): no chain of installed Apertium pairs leads there "
                + "(from \(source) they reach: \(from); installed pairs: \(installed.joined(separator: ", ")))"
        case let .routeTooLong(source, target, hops):
            return "unsupported language pair \(source)-\(target): the shortest chain of installed Apertium pairs "
                + "takes \(hops) steps, more than the \(TranslationGraph.maximumHops) allowed (each step loses meaning)"
        case let .undetectedLanguage(index, guess):
            let hint = guess.map { " (its best guess, \($0), is not reliable)" } ?? ""
            return "invalid source_lang \"auto\": the language of text \(index + 1) cannot be told reliably\(hint): "
                + "it is too short or mixes languages; give source_lang"
        case let .unknownSourceLanguage(code):
            return "invalid source_lang '\(code)': expected a 2 or 3 letter ISO language code or \"auto\""
        case let .processFailed(mode, status, message):
            return "apertium \(mode) failed (exit status \(status)): \(message)"
        case let .timedOut(mode, seconds):
            return "apertium \(mode) did not finish within \(Int(seconds)) s"
        case let .tooManyTexts(count):
            return "invalid text: at most 64 texts per request (got \(count))"
        }
    }
}

struct ApertiumProcess: Sendable {
    let executable: URL
    var timeoutSeconds: Double = 30

    /// Finds `apertium` on PATH (or returns nil: translation is then reported as unavailable).
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent("apertium")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    /// `apertium -l`: the installed mode names, one a line.
    func listModes() async throws -> String {
        try await run(arguments: ["-l"], input: Data(), label: "-l")
    }

    /// Translates `text` with one mode; `-u` drops Apertium's marks on unknown words.
    func translate(_ text: String, mode: String) async throws -> String {
        try await run(arguments: ["-u", mode], input: Data(text.utf8), label: mode)
    }

    private func run(arguments: [String], input: Data, label: String) async throws -> String {
        let executable = self.executable
        let timeout = self.timeoutSeconds
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    try Self.runBlocking(executable: executable, arguments: arguments, input: input,
                                         label: label, timeout: timeout)
                })
            }
        }
    }

    private static func runBlocking(executable: URL, arguments: [String], input: Data,
                                    label: String, timeout: Double) throws -> String {
        ignoreBrokenPipes()
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()

        // Feed stdin and drain both outputs on their own threads so a large text cannot deadlock on full pipes.
        let group = DispatchGroup()
        let output = LockedData(), errors = LockedData()
        DispatchQueue.global().async(group: group) {
            // SIGPIPE is ignored (see ignoreBrokenPipes), so a process that exits early makes this throw, not kill us.
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        DispatchQueue.global().async(group: group) { output.set(stdout.fileHandleForReading.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: group) { errors.set(stderr.fileHandleForReading.readDataToEndOfFile()) }

        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            _ = finished.wait(timeout: .now() + 5)
            _ = group.wait(timeout: .now() + 5)
            throw TranslationFailure.timedOut(mode: label, seconds: timeout)
        }
        _ = group.wait(timeout: .now() + 5)
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.get(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw TranslationFailure.processFailed(mode: label, status: process.terminationStatus, message: message)
        }
        return String(decoding: output.get(), as: UTF8.self)
    }
}

/// Bytes handed from a reader thread to the waiting one.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}

/// A write to a pipe whose reader has gone must fail with EPIPE rather than kill the whole server with SIGPIPE.
func ignoreBrokenPipes() {
    _ = brokenPipesIgnored
}

private let brokenPipesIgnored: Bool = {
    signal(SIGPIPE, SIG_IGN)
    return true
}()
