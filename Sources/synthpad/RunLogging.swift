import ArgumentParser
import Foundation
import RunHistory
import SynthKit
import SynthRuntime

/// `--no-log`, for the commands whose runs go to the history.
struct LogOptions: ParsableArguments {
    @Flag(help: "Keep this run out of the history (`synthpad log`); `log = false` in the config does it always.")
    var noLog = false

    /// Where `run` is logged once it ends: nowhere when `--no-log` or the config's `log = false` says so.
    func logger(for run: LoggedRun, config: SynthConfig) -> RunLogger {
        guard !noLog, config.log else { return RunLogger(history: nil, recorder: RunRecorder(run)) }
        let history = HistoryLog(secrets: Self.secrets(in: config)) { Output.note("synthpad: \($0)") }
        return RunLogger(history: history, recorder: RunRecorder(run))
    }

    /// Where the TUI logs its requests, or nil.
    func historySettings(config: SynthConfig) -> HistorySettings? {
        guard !noLog, config.log else { return nil }
        return HistorySettings(path: HistoryStore.defaultPath, secrets: Self.secrets(in: config))
    }

    /// Every key the config can send, scrubbed from what is logged (an error message may quote one).
    static func secrets(in config: SynthConfig) -> [String] {
        config.backends.compactMap { backend in (try? config.apiKey(for: backend)) ?? nil }.map { $0.reveal() }
    }
}

/// One command's run: fed while it runs, logged when it ends, failed or not.
struct RunLogger: Sendable {
    let history: HistoryLog?
    let recorder: RunRecorder

    /// Runs `body`, logs what it answered (or its error) and passes the outcome on.
    func around<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        do {
            let result = try await body()
            history?.record(recorder.finished())
            return result
        } catch {
            history?.record(recorder.finished(error: Self.describe(error)))
            throw error
        }
    }

    private static func describe(_ error: Error) -> String {
        if case CLIError.interrupted = error { return "cancelled" }
        return "\(error)"
    }
}

extension BackendOptions {
    /// A run about to go to `backend`, as the history names it (the backend by its config name, never its label,
    /// which may show part of a key).
    func loggedRun(_ command: String, kind: String, on backend: ResolvedBackend, engine: String? = nil,
                   prompt: String, messages: [String]? = nil, system: String? = nil,
                   parameters: String) throws -> LoggedRun {
        let config = try loadConfig()
        let name = (try? selectedBackend(in: config).name) ?? "url"
        return LoggedRun(source: command, backend: name, baseURL: backend.baseURL, engine: engine ?? backend.engine,
                         kind: kind, prompt: prompt, messages: messages, system: system,
                         parameters: parameters)
    }
}

extension ResolvedBackend {
    var baseURL: String {
        switch self {
        case .remote(let client, _, _), .local(let client, _, _, _): client.baseURL
        case .openAI(let client, _, _): client.baseURL
        }
    }
}
