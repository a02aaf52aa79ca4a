import Foundation
import RunHistory
import SynthKit
import SynthUI

/// One TUI request on its way to the history: fed by the request's own callbacks (transport threads), written on
/// the history's serial queue, so the event loop never waits on the disk.
struct RequestHistory: Sendable {
    private let log: HistoryLog
    private let recorder: RunRecorder
    /// The request it answers, when what it cost may be measured (the main backend reports a balance): added to its
    /// row under this name once it is. Nil otherwise, so the log keeps no name it will never be asked for.
    private let tag: String?

    /// nil when the history is off (`--no-log`, `log = false`).
    init?(_ log: HistoryLog?, run: LoggedRun, request: RequestKey, metered: Bool) {
        guard let log else { return nil }
        self.log = log
        recorder = RunRecorder(run)
        tag = metered ? request.description : nil
    }

    /// A translation batch of the scratchpad.
    init?(_ log: HistoryLog?, translation: TranslateRequest, request: RequestKey, backend: String, baseURL: String,
          engine: String, metered: Bool) {
        self.init(log, run: LoggedRun(source: request.screen.rawValue, backend: backend, baseURL: baseURL,
                                      engine: engine, kind: "translate", prompt: translation.text.joined(separator: "\n"),
                                      parameters: LoggedRun.parametersJSON(translation)), request: request,
                  metered: metered)
    }

    /// What `request` cost (credits, negative = spent, as measured from the balance), for its row.
    static func measured(_ log: HistoryLog?, request: RequestKey, change: Double) {
        log?.creditsLater(Int((-change * 1e9).rounded()), tag: request.description)
    }

    func piece(_ answer: CompletionAnswer) { recorder.received(answer) }
    func texts(_ texts: [String]) {
        recorder.received(texts: texts)
        record(recorder.finished())
    }

    func finished(_ answer: CompletionAnswer) {
        recorder.ended(with: answer)
        record(recorder.finished())
    }

    func failed(_ message: String) { record(recorder.finished(error: message)) }

    private func record(_ run: LoggedRun) {
        if let tag { log.recordLater(run, tag: tag) } else { log.recordLater(run) }
    }
}

extension CompletionSnapshot {
    /// The request as the history keeps it; `screen` sent it to `baseURL`.
    func loggedRun(screen: AppMode, baseURL: String) -> LoggedRun {
        if let chat {
            return LoggedRun(source: screen.rawValue, backend: backend, baseURL: baseURL, engine: engine,
                             kind: "chat", prompt: chat.messages.joined(separator: "\n"), messages: chat.messages,
                             system: chat.system, parameters: LoggedRun.json(parameters))
        }
        return LoggedRun(source: screen.rawValue, backend: backend, baseURL: baseURL, engine: engine,
                         kind: booste == nil ? "completion" : "gpt2", prompt: prompt,
                         parameters: booste.map(LoggedRun.parametersJSON) ?? LoggedRun.json(parameters))
    }
}

extension PlaygroundConfiguration.Backend {
    var baseURL: String {
        switch self {
        case .textSynth(let client): client.baseURL
        case .booste(let client): client.baseURL
        case .openAI(let client): client.baseURL
        }
    }
}
