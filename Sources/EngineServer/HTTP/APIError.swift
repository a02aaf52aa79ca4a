// Errors as TextSynth sends them: a non-200 status with `{"error": "message", "status": N}`.

import Foundation
import SynthWire

struct APIError: Error, Sendable, Equatable {
    let status: Int
    let message: String

    static func unknownEngine(_ id: String, available: [String]) -> APIError {
        APIError(status: 400, message: "unknown engine '\(id)'; available engines: \(available.joined(separator: ", "))")
    }

    static func unsupported(_ endpoint: String, engine: String, use alternatives: [String]) -> APIError {
        let hint = alternatives.isEmpty ? "" : "; use \(alternatives.joined(separator: " or "))"
        return APIError(status: 400, message: "engine '\(engine)' does not support \(endpoint)\(hint)")
    }

    static func invalidParameter(_ error: ValidationError) -> APIError {
        APIError(status: 400, message: "invalid parameter: \(error.description)")
    }

    static func malformedBody(_ detail: String) -> APIError {
        APIError(status: 400, message: "malformed request: \(detail)")
    }

    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(status: 413, message: "request body too large (limit \(limit) bytes)")
    }

    static let missingKey = APIError(status: 401, message: "missing API key: send 'Authorization: Bearer KEY'")
    static let wrongKey = APIError(status: 401, message: "invalid API key")

    /// 402: the balance is spent. Not 429, which clients retry with backoff: waiting will not bring credits back.
    static let creditsExhausted = APIError(
        status: 402, message: "no credits left on the local server (balance 0); raise it in the credits file or the configuration")

    /// 429: clients retry with backoff, which is the right reaction to a full queue.
    static func busy(queued: Int) -> APIError {
        APIError(status: 429, message: "too many requests: \(queued) sequences already waiting; retry later")
    }

    static func internalError(_ detail: String) -> APIError {
        APIError(status: 500, message: "internal error: \(detail)")
    }

    static let shuttingDown = APIError(status: 503, message: "the server is shutting down")
}

/// A Booste error: `{"message": "…"}`.
struct BoosteError: Error, Sendable, Equatable {
    let status: Int
    let message: String
}
