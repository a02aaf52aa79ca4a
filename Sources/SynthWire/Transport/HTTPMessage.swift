import Foundation

/// One HTTP request as the clients build it.
public struct HTTPRequest: Sendable, Equatable {
    public enum Method: String, Sendable { case get = "GET", post = "POST" }

    public var method: Method
    public var url: String
    /// Extra headers; Content-Type and Authorization are set by the clients.
    public var headers: [String: String]
    public var body: Data?
    /// The key this request carries (header or body), masked wherever the request is logged.
    public var secret: APIKey?

    public init(method: Method, url: String, headers: [String: String] = [:], body: Data? = nil, secret: APIKey? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.secret = secret
    }

    /// The request as --verbose shows it: method, URL, headers and body, the key masked.
    public var logDescription: String {
        var lines = ["→ \(method.rawValue) \(url)"]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            lines.append("  \(name): \(redact(value, hiding: secret))")
        }
        if let body, !body.isEmpty {
            let text = String(decoding: body.prefix(2048), as: UTF8.self)
            lines.append("  " + redact(text, hiding: secret) + (body.count > 2048 ? "… (\(body.count) bytes)" : ""))
        }
        return lines.joined(separator: "\n")
    }
}

/// The answer to one request. `body` is empty when the body was streamed to the caller.
public struct HTTPResponse: Sendable, Equatable {
    public var status: Int
    /// Header names lowercased.
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Seconds from a `Retry-After` header: delta-seconds or an HTTP date.
    public var retryAfter: Double? { headers["retry-after"].flatMap { Self.parseRetryAfter($0) } }

    static func parseRetryAfter(_ value: String, now: Date = Date()) -> Double? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: trimmed) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}

/// Knobs of the transport. The defaults suit the cloud; tests shrink them.
public struct TransportOptions: Sendable {
    /// Seconds allowed to open the connection.
    public var connectTimeout: Double
    /// Seconds without a byte before the request is abandoned (a local engine may think a while first).
    public var idleTimeout: Double
    public var retry: RetryPolicy
    public var userAgent: String
    /// --verbose: told each request (key masked), each answer's status and timing, each retry. Any thread.
    public var log: (@Sendable (String) -> Void)?

    public init(connectTimeout: Double = 10, idleTimeout: Double = 120, retry: RetryPolicy = .standard,
                userAgent: String = "synthpad/0.1", log: (@Sendable (String) -> Void)? = nil) {
        self.connectTimeout = connectTimeout
        self.idleTimeout = idleTimeout
        self.retry = retry
        self.userAgent = userAgent
        self.log = log
    }
}
