import Foundation
import SynthKit
import TestPeer
import XCTest

/// Transport options for tests: short timeouts, no retries unless a test asks.
func fastOptions(retry: RetryPolicy = .never, idle: Double = 5) -> TransportOptions {
    TransportOptions(connectTimeout: 2, idleTimeout: idle, retry: retry)
}

func makeClient(_ peer: TestPeer, key: String? = "sk-test-key-1234", retry: RetryPolicy = .never,
                idle: Double = 5) -> TextSynthClient {
    TextSynthClient(baseURL: peer.baseURL, apiKey: key.map(APIKey.init), options: fastOptions(retry: retry, idle: idle))
}

/// Collects streamed events (from the transport thread) and waits for the terminal one (TestPeer's `Recorder`).
typealias EventRecorder = Recorder<CompletionEvent>

extension Recorder where Element == CompletionEvent {
    convenience init() { self.init(isEnd: { $0.isTerminal }) }

    var events: [CompletionEvent] { all }

    var chunkText: String {
        events.compactMap { if case .chunk(let answer) = $0 { return answer.firstText } else { return nil } }.joined()
    }
}

/// Waits for a callback-style result.
func waitResult<T: Sendable>(timeout: Double = 5,
                             _ start: (@escaping @Sendable (Result<T, APIError>) -> Void) -> RequestHandle)
    -> Result<T, APIError>? {
    let box = ResultBox<T>()
    let handle = start { box.set($0) }
    handle.waitUntilFinished(timeout: timeout)
    return box.value
}

final class ResultBox<T: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<T, APIError>?
    func set(_ value: Result<T, APIError>) { lock.lock(); stored = value; lock.unlock() }
    var value: Result<T, APIError>? { lock.lock(); defer { lock.unlock() }; return stored }
}

extension Result {
    var success: Success? { if case .success(let value) = self { return value } else { return nil } }
    var failure: Failure? { if case .failure(let error) = self { return error } else { return nil } }
}

func jsonObject(_ data: Data) -> [String: Any] {
    (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
}
