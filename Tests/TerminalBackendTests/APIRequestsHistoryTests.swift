import Foundation
import RunHistory
import SynthKit
import SynthUI
import TestPeer
import XCTest
@testable import SynthRuntime

/// The TUI's requests in the history: logged with their screen when they end, off the event loop; a database that
/// cannot take them is one `.historyProblem` event and the answers still arrive.
final class APIRequestsHistoryTests: XCTestCase {
    private var directory: URL!
    private var path: String { directory.appendingPathComponent("history.sqlite").path }

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tui-history-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private let key = "sk-tui-secret-51d2"

    private func requests(_ peer: LoopbackPeer, log: EventLog, history: Bool = true,
                          hasCredits: Bool = false) -> APIRequests {
        let client = TextSynthClient(baseURL: peer.url, apiKey: APIKey(key))
        var configuration = PlaygroundConfiguration(backend: .textSynth(client), backendName: "textsynth",
                                                    hasCredits: hasCredits)
        if history { configuration.history = HistorySettings(path: path, secrets: [key]) }
        return APIRequests(configuration: configuration) { log.record($0) }
    }

    private func snapshot(id: Int) -> CompletionSnapshot {
        CompletionSnapshot(id: id, backend: "textsynth", engine: "gptj_6B", family: .textSynth, prompt: "Once",
                           parameters: .defaults)
    }

    /// The runs logged once `count` are there (written on the history's own queue, so waited for).
    private func loggedRuns(_ count: Int) throws -> [LoggedRun] {
        for _ in 0..<500 {
            if FileManager.default.fileExists(atPath: path), try HistoryStore(path: path).count() >= count { break }
            usleep(10_000)
        }
        return try HistoryStore(path: path).recent(limit: 100)
    }

    private let stream = LoopbackPeer.Answer(pieces: [
        "{\"text\": \" upon\", \"reached_end\": false}\n\n",
        "{\"text\": \" a time\", \"reached_end\": true, \"input_tokens\": 1, \"output_tokens\": 3, \"finish_reason\": \"length\"}\n\n",
    ])

    /// Issue #14: what a run cost, measured from the balance after it ended, is written into its row (this peer's
    /// balance does not move, so 0 — where nothing was measured the column stays empty).
    func testWhatARunCostReachesItsRow() throws {
        let peer = try LoopbackPeer(answers: [
            "/v1/engines/gptj_6B/completions": stream,
            "/v1/credits": .init(pieces: ["{\"credits\": 2500000000}"]),
        ])
        let log = EventLog()
        let api = requests(peer, log: log, hasCredits: true)
        api.refreshCredits()
        _ = log.wait { $0.contains(.creditsRefreshed(2.5)) }
        api.start(snapshot(id: 1), as: .playground(1))
        _ = log.wait { $0.contains { if case .streamFinished = $0 { true } else { false } } }
        api.finished(id: .playground(1))
        _ = log.wait { $0.contains(.creditsMeasured(request: .playground(1), change: 0)) }
        var runs = try loggedRuns(1)
        for _ in 0..<500 where runs.first?.credits == nil {
            usleep(10_000)
            runs = try HistoryStore(path: path).recent(limit: 10)
        }
        XCTAssertEqual(runs.map(\.credits), [0])
    }

    /// The token inspector's spans and the scorer's candidates are logged too, as "logprob" runs.
    func testAScoredContinuationIsLogged() throws {
        let peer = try LoopbackPeer(answers: [
            "/v1/engines/gptj_6B/logprob": .init(pieces: [#"{"logprob": -0.5, "num_tokens": 1, "is_greedy": true}"#]),
        ])
        let log = EventLog()
        requests(peer, log: log).scoreContinuation(.playground(3), backend: "textsynth", engine: "gptj_6B",
                                                  request: LogprobRequest(context: "The sky is", continuation: " blue"))
        _ = log.wait { !$0.isEmpty }
        let run = try XCTUnwrap(try loggedRuns(1).first)
        XCTAssertEqual(run.kind, "logprob")
        XCTAssertEqual(run.source, "playground")
        XCTAssertEqual(run.prompt, "The sky is")
        XCTAssertTrue(run.parameters.contains(" blue"), run.parameters)
        XCTAssertTrue(run.answers.first?.contains("\"is_greedy\":true") ?? false, "\(run.answers)")
    }

    func testAFinishedAndAFailedRequestAreLoggedWithTheirScreens() throws {
        let peer = try LoopbackPeer(answers: [
            "/v1/engines/gptj_6B/completions": stream,
            "/v1/engines/gptj_6B/chat": .init(status: 401, pieces: ["{\"error\": \"invalid key \(key)\", \"status\": 401}"]),
        ])
        let log = EventLog()
        let api = requests(peer, log: log)
        api.start(snapshot(id: 1), as: .compare(1))
        _ = log.wait { $0.contains { if case .streamFinished = $0 { true } else { false } } }
        var chat = snapshot(id: 2)
        chat.chat = ChatMessages(messages: ["Hello"], system: "Be brief.")
        api.start(chat, as: .chat(2))
        _ = log.wait { $0.contains { if case .requestFailed = $0 { true } else { false } } }

        let runs = try loggedRuns(2)
        XCTAssertEqual(runs.map(\.source), ["chat", "compare"])
        let completion = runs[1]
        XCTAssertEqual(completion.answers, [" upon a time"])
        XCTAssertEqual(completion.prompt, "Once")
        XCTAssertEqual(completion.finishReason, "length")
        XCTAssertEqual(completion.outputTokens, 3)
        XCTAssertEqual(completion.baseURL, peer.url)
        XCTAssertNotNil(completion.timeToFirstToken)
        XCTAssertNil(completion.error)
        XCTAssertEqual(runs[0].messages, ["Hello"])
        XCTAssertEqual(runs[0].system, "Be brief.")
        XCTAssertTrue(runs[0].error?.contains("(401): invalid key") == true, "\(runs[0])")
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
            let bytes = try Data(contentsOf: directory.appendingPathComponent(file))
            XCTAssertNil(bytes.range(of: Data(key.utf8)), "the key is in \(file)")
        }
        XCTAssertFalse(log.all.contains { if case .historyProblem = $0 { true } else { false } })
    }

    func testACorruptDatabaseIsOneNoticeAndAnswersStillArrive() throws {
        try Data(repeating: 0x5A, count: 8192).write(to: URL(fileURLWithPath: path))
        let peer = try LoopbackPeer(answers: ["/v1/engines/gptj_6B/completions": stream])
        let log = EventLog()
        let api = requests(peer, log: log)
        api.start(snapshot(id: 1), as: .playground(1))
        api.start(snapshot(id: 2), as: .playground(2))
        let events = log.wait { events in
            events.filter { if case .streamFinished = $0 { true } else { false } }.count == 2
                && events.contains { if case .historyProblem = $0 { true } else { false } }
        }
        let problems = events.compactMap { if case .historyProblem(let message) = $0 { message } else { nil } }
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems.first?.contains("not a database") == true, "\(problems)")
    }

    func testNoHistoryWritesNothing() throws {
        let peer = try LoopbackPeer(answers: ["/v1/engines/gptj_6B/completions": stream])
        let log = EventLog()
        let api = requests(peer, log: log, history: false)
        api.start(snapshot(id: 1), as: .playground(1))
        _ = log.wait { $0.contains { if case .streamFinished = $0 { true } else { false } } }
        XCTAssertFalse(FileManager.default.fileExists(atPath: path))
    }
}
