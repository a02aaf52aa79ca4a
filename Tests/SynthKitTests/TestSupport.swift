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

/// Collects streamed events (from the transport thread) and waits for the terminal one.
final class EventRecorder: @unchecked Sendable {
    private let condition = NSCondition()
    private var stored: [CompletionEvent] = []
    private(set) var terminalAt: Date?

    func record(_ event: CompletionEvent) {
        condition.lock()
        stored.append(event)
        if event.isTerminal { terminalAt = Date() }
        condition.broadcast()
        condition.unlock()
    }

    var events: [CompletionEvent] {
        condition.lock()
        defer { condition.unlock() }
        return stored
    }

    @discardableResult
    func waitForEnd(timeout: Double = 5) -> CompletionEvent? {
        waitUntil(timeout: timeout) { $0.last?.isTerminal == true }
        return events.last.flatMap { $0.isTerminal ? $0 : nil }
    }

    @discardableResult
    func waitUntil(timeout: Double = 5, _ predicate: ([CompletionEvent]) -> Bool) -> Bool {
        let limit = Date(timeIntervalSinceNow: timeout)
        condition.lock()
        defer { condition.unlock() }
        while !predicate(stored) {
            if !condition.wait(until: limit) { return predicate(stored) }
        }
        return true
    }

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
