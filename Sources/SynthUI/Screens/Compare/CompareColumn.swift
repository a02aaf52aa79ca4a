// One column of a comparison: its variant, its streamed output, where its request stands and what it cost.
import SynthKit

/// Where one column's request stands. Each column has its own: one column failing leaves the others running.
public enum ColumnPhase: Sendable, Equatable {
    case idle
    case waiting(requestID: Int)
    case streaming(requestID: Int)
    case finished
    /// Stopped by the user (Esc); what arrived is kept.
    case cancelled
    /// Rejected before sending (a parameter this engine does not allow), or failed on the way (429, dropped stream).
    case failed(message: String, status: Int?)

    public var requestID: Int? {
        switch self {
        case .waiting(let id), .streaming(let id): return id
        default: return nil
        }
    }
    public var isInFlight: Bool { requestID != nil }
}

public struct CompareColumn: Sendable, Equatable, Identifiable {
    /// Stable across adding and removing other columns; API events carry it.
    public let id: Int
    public var variant: CompareVariant
    public var output: OutputDocument
    public var phase: ColumnPhase = .idle
    /// Measured by the runtime when the stream ends (time to first token, totals, finish reason).
    public var stats: CompletionStats?
    /// A credits change measured for this request alone, when the runtime could measure one.
    public var measuredCredits: Double?
    /// First visible wrapped line; nil follows the end of the stream.
    public var scroll: Int?
    /// Why the request in flight has shown nothing yet (it will be tried again); cleared by its first text.
    public var retryNote: String?
    /// The id of the last request started for this column (credits measured later are matched against it).
    public internal(set) var lastRequestID: Int?

    public init(id: Int, variant: CompareVariant, wrapWidth: Int = 40) {
        self.id = id
        self.variant = variant
        self.output = OutputDocument(promptTail: "", width: wrapWidth)
    }

    /// The streamed text (compare outputs echo no prompt, so this is the document's text, shared, not copied).
    public var text: String { output.text }

    /// Credits this column's last request spent: the measured change if there is one, else tokens × price.
    public var creditsSpent: Double? {
        if let measuredCredits { return abs(measuredCredits) }
        guard let stats, let price = variant.price else { return nil }
        return price.cost(inputTokens: stats.inputTokens, outputTokens: stats.outputTokens)
    }

    /// Whether the last request ended with an error (of any kind).
    public var errorMessage: String? {
        if case .failed(let message, let status) = phase {
            return status.map { "\(ColumnPhase.describe(status: $0)): \(message)" } ?? message
        }
        return nil
    }
}

extension ColumnPhase {
    /// A status code in the user's words.
    static func describe(status: Int) -> String {
        switch status {
        case 429: return "429 rate limited"
        case 400: return "400 rejected"
        case 401, 403: return "\(status) not allowed"
        default: return "error \(status)"
        }
    }
}
