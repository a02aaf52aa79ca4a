import Foundation

/// Everything that can go wrong between asking and getting an answer, in words a user can act on.
public enum APIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The request broke a documented rule; caught before sending.
    case invalidParameters(ValidationError)
    /// 400: the server refused the request (bad parameter, unknown engine).
    case invalidRequest(message: String)
    /// 401 or 403: missing, invalid or unauthorised key.
    case unauthorized(status: Int, message: String)
    /// 429: too many requests; `retryAfter` in seconds when the server said.
    case rateLimited(message: String, retryAfter: Double?)
    /// 498: the request needs captcha validation in a browser.
    case captchaRequired(message: String)
    /// 5xx.
    case serverError(status: Int, message: String)
    /// Any other non-200 status.
    case unexpectedStatus(status: Int, message: String)
    /// No connection could be made (refused, DNS, TLS, connect timeout).
    case cannotConnect(url: String, reason: String)
    /// The connection closed before a complete answer (nothing had reached the caller yet).
    case connectionLost(url: String, reason: String)
    /// Connected, then nothing arrived for `seconds`.
    case timedOut(url: String, seconds: Double)
    /// Cancelled by the caller.
    case cancelled
    /// A stream stopped before its last answer; holds the text received so far (one string per completion).
    case streamEndedEarly(partialText: [String], reason: String)
    /// A 200 answer we could not read.
    case undecodableAnswer(snippet: String, reason: String)
    /// A Booste task reported "Failed".
    case taskFailed(taskID: String)
    /// Some other transport failure (libcurl's message).
    case transport(reason: String)

    public var description: String {
        switch self {
        case .invalidParameters(let error): "Invalid request: \(error)"
        case .invalidRequest(let message): "The server refused the request (400): \(message)"
        case .unauthorized(let status, let message):
            "The API key was refused (\(status)): \(message). Check TEXTSYNTH_API_KEY or the key file."
        case .rateLimited(let message, let retryAfter):
            "Rate limited (429): \(message)" + (retryAfter.map { "; retry after \(displayNumber($0)) s" } ?? "")
        case .captchaRequired(let message):
            "The server asks for captcha validation (498): \(message). Open the provider's website to validate."
        case .serverError(let status, let message): "Server error (\(status)): \(message)"
        case .unexpectedStatus(let status, let message): "Unexpected answer (\(status)): \(message)"
        case .cannotConnect(let url, let reason): "Cannot connect to \(url): \(reason)"
        case .connectionLost(let url, let reason): "Connection to \(url) lost: \(reason)"
        case .timedOut(let url, let seconds): "No data from \(url) for \(displayNumber(seconds)) s: timed out"
        case .cancelled: "Cancelled"
        case .streamEndedEarly(let partial, let reason):
            "The stream ended early (\(reason)) after \(partial.map(\.count).reduce(0, +)) characters"
        case .undecodableAnswer(let snippet, let reason): "Unreadable answer (\(reason)): \(snippet)"
        case .taskFailed(let taskID): "The generation task \(taskID) failed on the server"
        case .transport(let reason): "Network error: \(reason)"
        }
    }

    /// The HTTP status when the server answered with one.
    public var status: Int? {
        switch self {
        case .invalidRequest: 400
        case .unauthorized(let status, _), .serverError(let status, _), .unexpectedStatus(let status, _): status
        case .rateLimited: 429
        case .captchaRequired: 498
        default: nil
        }
    }

    /// Worth trying again: rate limits, server trouble and failed connections (never after a stream began).
    public var isRetryable: Bool {
        switch self {
        case .rateLimited, .serverError, .cannotConnect, .connectionLost: true
        default: false
        }
    }

    /// Why the server could not be reached at all, when that is what went wrong (nil for every other error).
    public var unreachableReason: String? {
        if case .cannotConnect(_, let reason) = self { return reason }
        return nil
    }

    /// The text received before the failure (only streams keep any).
    public var partialText: [String] {
        if case .streamEndedEarly(let partial, _) = self { return partial }
        return []
    }

    /// Maps a non-200 answer to its case. The body is TextSynth's `{"error", "status"}`, OpenAI's
    /// `{"error": {"message", …}}`, Booste's `{"message"}`,
    /// or anything else (an HTML page from a proxy): then a short snippet of its text.
    public static func fromHTTP(status: Int, body: Data, retryAfter: Double? = nil) -> APIError {
        let message = errorMessage(in: body)
        switch status {
        case 400: return .invalidRequest(message: message)
        case 401, 403: return .unauthorized(status: status, message: message)
        case 429: return .rateLimited(message: message, retryAfter: retryAfter)
        case 498: return .captchaRequired(message: message)
        case 500...599: return .serverError(status: status, message: message)
        default: return .unexpectedStatus(status: status, message: message)
        }
    }

    static func errorMessage(in body: Data) -> String {
        if let answer = try? JSONDecoder().decode(ErrorAnswer.self, from: body) { return answer.error }
        if let answer = try? JSONDecoder().decode(OpenAIErrorBody.self, from: body) { return answer.error.message }
        if let answer = try? JSONDecoder().decode(BoosteErrorAnswer.self, from: body) { return answer.message }
        let text = snippet(of: body)
        return text.isEmpty ? "(empty body)" : text
    }

    /// Up to `limit` characters of a body as one line, HTML tags removed.
    public static func snippet(of body: Data, limit: Int = 120) -> String {
        var text = String(decoding: body.prefix(4096), as: UTF8.self)
        if text.contains("<") {
            text = text.replacingOccurrences(of: "<(script|style)[^>]*>[\\s\\S]*?</\\1>", with: " ",
                                             options: [.regularExpression, .caseInsensitive])
            text = text.replacingOccurrences(of: "<[^>]*>", with: " ", options: .regularExpression)
        }
        let oneLine = text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return oneLine.count > limit ? String(oneLine.prefix(limit)) + "…" : oneLine
    }
}

extension APIError {
    /// The same error with `secret` masked in every message (a server may echo the key it refused).
    public func redacting(_ secret: APIKey?) -> APIError {
        guard let secret, !secret.isEmpty else { return self }
        let clean = { (text: String) in redact(text, hiding: secret) }
        switch self {
        case .invalidRequest(let message): return .invalidRequest(message: clean(message))
        case .unauthorized(let status, let message): return .unauthorized(status: status, message: clean(message))
        case .rateLimited(let message, let retryAfter): return .rateLimited(message: clean(message), retryAfter: retryAfter)
        case .captchaRequired(let message): return .captchaRequired(message: clean(message))
        case .serverError(let status, let message): return .serverError(status: status, message: clean(message))
        case .unexpectedStatus(let status, let message): return .unexpectedStatus(status: status, message: clean(message))
        case .cannotConnect(let url, let reason): return .cannotConnect(url: clean(url), reason: clean(reason))
        case .connectionLost(let url, let reason): return .connectionLost(url: clean(url), reason: clean(reason))
        case .timedOut(let url, let seconds): return .timedOut(url: clean(url), seconds: seconds)
        case .streamEndedEarly(let partial, let reason): return .streamEndedEarly(partialText: partial, reason: clean(reason))
        case .undecodableAnswer(let snippet, let reason): return .undecodableAnswer(snippet: clean(snippet), reason: clean(reason))
        case .transport(let reason): return .transport(reason: clean(reason))
        case .invalidParameters, .cancelled, .taskFailed: return self
        }
    }
}
