import Foundation

/// When to try a failed request again: exponential backoff with jitter, honouring Retry-After,
/// capped in attempts and in total time. Only rate limits, server errors and failed connections
/// are retried, and only while nothing has reached the caller.
public struct RetryPolicy: Sendable {
    /// Total attempts, the first included (1 = never retry).
    public var maxAttempts: Int
    /// Wait before the second attempt; doubles (× `multiplier`) for each next one.
    public var baseDelay: Double
    public var multiplier: Double
    public var maxDelay: Double
    /// ± fraction of each wait drawn at random, so many clients do not retry in step.
    public var jitter: Double
    /// No attempt starts after this many seconds from the first.
    public var deadline: Double
    /// Source of randomness in 0..<1 (tests pin it).
    public var random: @Sendable () -> Double
    /// Told about every wait before it starts (tests and --verbose watch it).
    public var onRetry: (@Sendable (ScheduledRetry) -> Void)?

    public init(maxAttempts: Int = 4, baseDelay: Double = 2, multiplier: Double = 2, maxDelay: Double = 30,
                jitter: Double = 0.2, deadline: Double = 120,
                random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
                onRetry: (@Sendable (ScheduledRetry) -> Void)? = nil) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.multiplier = multiplier
        self.maxDelay = maxDelay
        self.jitter = jitter
        self.deadline = deadline
        self.random = random
        self.onRetry = onRetry
    }

    /// TextSynth clients back off from about 2 s.
    public static let standard = RetryPolicy()
    public static let never = RetryPolicy(maxAttempts: 1)

    /// The wait after failed attempt number `attempt` (1-based). A server's Retry-After wins as it is: never
    /// retry sooner than asked (when it reaches past the deadline, the request fails instead).
    public func delay(afterAttempt attempt: Int, retryAfter: Double?) -> Double {
        if let retryAfter { return max(0, retryAfter) }
        let exponential = min(maxDelay, baseDelay * pow(multiplier, Double(attempt - 1)))
        let spread = 1 + jitter * (2 * random() - 1)
        return max(0, exponential * spread)
    }
}

/// A retry about to happen.
public struct ScheduledRetry: Sendable, Equatable {
    /// The attempt that failed (1-based).
    public let failedAttempt: Int
    /// How many attempts the policy allows in all.
    public let maxAttempts: Int
    public let delay: Double
    public let error: APIError

    public init(failedAttempt: Int, maxAttempts: Int, delay: Double, error: APIError) {
        self.failedAttempt = failedAttempt
        self.maxAttempts = maxAttempts
        self.delay = delay
        self.error = error
    }

    /// For a person waiting: `retrying 2/4 in 4 s`.
    public var progress: String {
        "retrying \(failedAttempt + 1)/\(maxAttempts) in \(displayNumber(delay.rounded(.up))) s"
    }
}
