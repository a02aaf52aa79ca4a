import ArgumentParser
import Foundation
import RunHistory
import SynthKit

struct LogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "The history: every request of every screen and command, newest first.",
        discussion: "Kept in $XDG_DATA_HOME/synthpad/history.sqlite (never a key); --no-log or log = false keeps runs out.",
        subcommands: [LogListCommand.self, LogShowCommand.self],
        defaultSubcommand: LogListCommand.self)
}

struct LogListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List runs, newest first.")

    @Option(name: .shortAndLong, help: "Only runs whose prompt or answers hold every word of QUERY (full-text search).")
    var query: String?

    @Option(name: .short, help: "How many runs at most.")
    var n = 20

    @Flag(help: "One JSON object per run.")
    var json = false

    func validate() throws {
        guard n > 0 else { throw ValidationError("-n \(n) must be at least 1") }
    }

    func run() async throws {
        let store = try openHistory()
        let runs: [LoggedRun]
        do {
            runs = try query.map { try store.search($0, limit: n) } ?? store.recent(limit: n)
        } catch let error as HistoryError {
            throw CLIError.usage("\(error)")
        } catch {
            throw CLIError.failed("cannot read the history (\(store.path)): \(error)")
        }
        for run in runs {
            if json { Output.line(try jsonLine(run)) } else { Output.line(summary(run)) }
        }
    }

    /// `ID  time  source  engine  prompt → answer`, each text cut to one short line.
    private func summary(_ run: LoggedRun) -> String {
        let outcome = run.error.map { "error: \($0)" } ?? run.answers.first ?? ""
        return "\(run.id ?? 0)\t\(timestamp(run.time))\t\(run.source)\t\(run.engine)\t"
            + "\(oneLine(run.prompt, 40)) → \(oneLine(outcome, 40))"
    }
}

struct LogShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Everything kept of one run.")

    @Argument(help: "The run's id (the first column of `synthpad log`).")
    var id: Int64

    @Flag(help: "As one JSON object.")
    var json = false

    func run() async throws {
        let store = try openHistory()
        guard let run = try store.run(id: id) else { throw CLIError.usage("no run \(id) in the history") }
        if json { return Output.line(try jsonLine(run)) }
        var lines = ["run \(id)" + (run.starred ? " (starred)" : ""), "time: \(timestamp(run.time))",
                     "from: \(run.source) (\(run.kind))", "backend: \(run.backend) at \(run.baseURL)",
                     "engine: \(run.engine)", "parameters: \(run.parameters)"]
        if let system = run.system { lines.append("system: \(system)") }
        if let messages = run.messages {
            lines += messages.enumerated().map { "message \($0.offset + 1): \($0.element)" }
        } else {
            lines.append("prompt: \(run.prompt)")
        }
        for (index, answer) in run.answers.enumerated() {
            lines.append(run.answers.count == 1 ? "answer: \(answer)" : "answer \(index + 1): \(answer)")
        }
        let numbers: [(String, String?)] = [
            ("finish reason", run.finishReason), ("input tokens", run.inputTokens.map(String.init)),
            ("output tokens", run.outputTokens.map(String.init)),
            ("time to first token", run.timeToFirstToken.map { String(format: "%.3f s", $0) }),
            ("total time", run.totalTime.map { String(format: "%.3f s", $0) }),
            ("credits", run.credits.map(String.init)), ("error", run.error),
        ]
        lines += numbers.compactMap { name, value in value.map { "\(name): \($0)" } }
        lines.forEach(Output.line)
    }
}

private func openHistory() throws -> HistoryStore {
    do {
        return try HistoryStore(path: HistoryStore.defaultPath)
    } catch {
        throw CLIError.failed("cannot open the history (\(HistoryStore.defaultPath)): \(error)")
    }
}

/// A run as one JSON line, its time in ISO 8601 (UTC).
private func jsonLine(_ run: LoggedRun) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.dateEncodingStrategy = .iso8601
    return String(decoding: try encoder.encode(run), as: UTF8.self)
}

private func timestamp(_ date: Date) -> String {
    date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).dateTimeSeparator(.space))
}

private func oneLine(_ text: String, _ limit: Int) -> String {
    let flat = text.replacingOccurrences(of: "\n", with: " ")
    return flat.count > limit ? String(flat.prefix(limit - 1)) + "…" : flat
}
