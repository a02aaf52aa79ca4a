import Foundation

/// Whether a TextSynth-protocol engine gives per-token log-probabilities (synthpad's `top_logprobs` extension).
/// Only servers that list "token_logprobs" among an engine's capabilities in `GET /v1/engines` know the field;
/// TextSynth's cloud has no such listing and refuses fields it does not know, so it is never sent there.
extension TextSynthClient {
    public static let tokenLogprobsCapability = "token_logprobs"

    /// Asks `GET /v1/engines` once per client and engine (the answer is kept). A server without the listing
    /// (404, or TextSynth's cloud, which is not even asked) does not support it; other failures are thrown.
    public func tokenLogprobsSupport(engine: String) async throws -> Bool {
        if let known = capabilityAnswers.value(for: engine) { return known }
        let supported: Bool
        if baseURL.hasPrefix(Self.cloudURL) {
            supported = false
        } else {
            do {
                let listing = try await engines()
                let listed = listing.engines.first { $0.id == engine || ($0.aliases ?? []).contains(engine) }
                supported = listed?.capabilities?.contains(Self.tokenLogprobsCapability) ?? false
            } catch let error as APIError where error.meansEndpointNotOffered {
                supported = false
            }
        }
        capabilityAnswers.set(supported, for: engine)
        return supported
    }

    /// What is known without asking: nil until `tokenLogprobsSupport` or `rememberCapabilities` learned it.
    public func knownTokenLogprobsSupport(engine: String) -> Bool? {
        baseURL.hasPrefix(Self.cloudURL) ? false : capabilityAnswers.value(for: engine)
    }

    /// Keeps what an engine listing (`GET /v1/engines`, asked for another reason) says of every engine in it.
    public func rememberCapabilities(_ listing: EngineListAnswer) {
        for engine in listing.engines {
            let supported = engine.capabilities?.contains(Self.tokenLogprobsCapability) ?? false
            for id in [engine.id] + (engine.aliases ?? []) { capabilityAnswers.set(supported, for: id) }
        }
    }

    /// Throws `TokenLogprobsUnavailable` unless `engine` gives per-token log-probabilities.
    public func requireTokenLogprobs(engine: String) async throws {
        guard try await tokenLogprobsSupport(engine: engine) else {
            throw TokenLogprobsUnavailable(engine: engine, url: baseURL)
        }
    }
}

/// Asking an engine for per-token log-probabilities it cannot give.
public struct TokenLogprobsUnavailable: Error, Equatable, CustomStringConvertible {
    public var engine: String
    public var url: String

    public init(engine: String, url: String) {
        self.engine = engine
        self.url = url
    }

    public var description: String {
        "engine \(engine) on \(url) does not give per-token log-probabilities (its GET /v1/engines does not list"
            + " \(TextSynthClient.tokenLogprobsCapability)); `synthpad score` works everywhere (it uses the logprob endpoint)"
    }
}

extension APIError {
    /// The server does not offer the endpoint asked (TextSynth's cloud has no `GET /v1/engines`, a self-hosted
    /// server may lack `/v1/credits` or `tokenize`): a 404 or 405, a refusal, an answer of another shape.
    public var meansEndpointNotOffered: Bool {
        switch self {
        case .unexpectedStatus(let status, _): status == 404 || status == 405
        case .invalidRequest, .undecodableAnswer: true
        default: false
        }
    }
}

/// Answers kept per key, shared between threads.
final class LockedAnswers<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String: Value] = [:]

    func value(for key: String) -> Value? {
        lock.lock(); defer { lock.unlock() }
        return stored[key]
    }

    func set(_ value: Value, for key: String) {
        lock.lock(); stored[key] = value; lock.unlock()
    }
}
