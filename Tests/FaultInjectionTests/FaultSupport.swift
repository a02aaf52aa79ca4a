// Helpers shared by the fault suites: clients with short timeouts, and waiting for callback results.
import Foundation
import SynthKit
import TestPeer
import XCTest

enum Fault {
    static let engine = "gptj_6B"
    static let completionsPath = "/v1/engines/gptj_6B/completions"

    /// A client for `peer` with short timeouts and no retries unless asked.
    static func client(_ peer: TestPeer, key: String? = "sk-fault-test-key-0000", retry: RetryPolicy = .never,
                       idle: Double = 5) -> TextSynthClient {
        TextSynthClient(baseURL: peer.baseURL, apiKey: key.map(APIKey.init),
                        options: TransportOptions(connectTimeout: 2, idleTimeout: idle, retry: retry))
    }

    static func request(_ prompt: String = "Once upon a time") -> CompletionRequest {
        CompletionRequest(prompt: prompt)
    }

    /// Streams one completion and waits for its end (or `timeout`).
    static func stream(_ client: TextSynthClient, timeout: Double = 10) -> StreamOutcome {
        let recorder = StreamOutcome()
        let handle = client.streamCompletion(engine: engine, request: request(), onEvent: recorder.record)
        recorder.waitForEnd(timeout: timeout)
        if recorder.terminal == nil { handle.cancel() }
        handle.waitUntilFinished(timeout: 5)
        return recorder
    }

    /// A non-streamed completion, waited for.
    static func complete(_ client: TextSynthClient, timeout: Double = 10) -> Result<CompletionAnswer, APIError>? {
        let box = Box<Result<CompletionAnswer, APIError>>()
        let handle = client.complete(engine: engine, request: request()) { box.set($0) }
        handle.waitUntilFinished(timeout: timeout)
        if box.value == nil { handle.cancel() }
        return box.value
    }
}

/// A fault case against a fresh scripted peer (TestPeer, a TEST DOUBLE) for every test.
class PeerFaultTestCase: FaultTestCase {
    var peer: TestPeer!
    let path = Fault.completionsPath

    override func setUpWithError() throws {
        try super.setUpWithError()
        peer = try TestPeer()
    }

    override func tearDown() {
        peer?.shutdown()
        super.tearDown()
    }
}

/// The events of one stream as the user's screen would get them (TestPeer's `Recorder`).
typealias StreamOutcome = Recorder<CompletionEvent>

extension Recorder where Element == CompletionEvent {
    convenience init() { self.init(isEnd: { $0.isTerminal }) }

    var events: [CompletionEvent] { all }

    /// The text the chunks carried, in order (what a screen would show).
    var shownText: String {
        events.compactMap { if case .chunk(let answer) = $0 { answer.firstText } else { nil } }.joined()
    }

    var terminal: CompletionEvent? { events.last.flatMap { $0.isTerminal ? $0 : nil } }

    var error: APIError? { if case .failed(let error)? = terminal { error } else { nil } }

    var finished: CompletionAnswer? { if case .finished(let answer)? = terminal { answer } else { nil } }

    /// How many terminal events arrived (must be exactly one).
    var terminalCount: Int { events.filter(\.isTerminal).count }

    var elapsed: Double { (endedAt ?? Date()).timeIntervalSince(startedAt) }

    /// One line: the text shown, then how it ended.
    var summary: String {
        let ending: String
        switch terminal {
        case .finished(let answer)?: ending = "finished (\(answer.firstText.count) chars)"
        case .failed(let error)?: ending = "error: \(error)"
        default: ending = "no end event"
        }
        return "text \"\(shownText.prefix(40))\"; \(ending)"
    }
}

final class Box<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: T?
    func set(_ value: T) { lock.lock(); stored = value; lock.unlock() }
    var value: T? { lock.lock(); defer { lock.unlock() }; return stored }
}

/// Retry waits as the transport announced them.
final class RetryLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [ScheduledRetry] = []
    func record(_ retry: ScheduledRetry) { lock.lock(); stored.append(retry); lock.unlock() }
    var retries: [ScheduledRetry] { lock.lock(); defer { lock.unlock() }; return stored }
}

extension Result {
    var failureValue: Failure? { if case .failure(let error) = self { error } else { nil } }
    var successValue: Success? { if case .success(let value) = self { value } else { nil } }
}
