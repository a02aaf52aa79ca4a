// The tokens behind one answer (per-token probabilities, asked with `top_logprobs`), placed on the answer's text:
// what the token inspector colours, walks token by token and offers alternatives for.
import Foundation
import SynthKit

public struct OutputTokens: Sendable, Equatable {
    /// One generated token and where its bytes sit in the completion (UTF-8 offsets, the echoed prompt left out).
    /// The token that completes a stop string is listed although its text is cut: its end may pass the text's.
    public struct Placed: Sendable, Equatable {
        public var start: Int
        public var token: TokenLogprob
        public var end: Int { start + token.bytes.count }
    }

    public private(set) var placed: [Placed] = []
    private var length = 0

    public init(_ tokens: [TokenLogprob] = []) { append(tokens) }

    public var isEmpty: Bool { placed.isEmpty }
    public var count: Int { placed.count }

    public mutating func append(_ tokens: [TokenLogprob]) {
        for token in tokens {
            placed.append(Placed(start: length, token: token))
            length += token.bytes.count
        }
    }

    /// The first `count` tokens.
    public func prefix(_ count: Int) -> OutputTokens { OutputTokens(placed.prefix(count).map(\.token)) }

    /// The index of the token holding completion offset `offset` (the last one at or before it), nil before any.
    public func index(at offset: Int) -> Int? {
        guard let first = placed.first, offset >= first.start else { return nil }
        var lo = 0, hi = placed.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if placed[mid].start <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}

/// How sure the model was of a token: the probability its raw distribution gave it (what `/logprob` scores;
/// the sampler's own probability is 1 for every token of a greedy answer, which would say nothing).
public enum TokenConfidence: Sendable, Equatable {
    case high, mid, low

    public static let highAtLeast = 0.6
    public static let midAtLeast = 0.2

    public init(modelLogprob: Double) {
        let p = exp(modelLogprob)
        self = p >= Self.highAtLeast ? .high : p >= Self.midAtLeast ? .mid : .low
    }

    public var role: ThemeRole {
        switch self {
        case .high: .tokenHigh
        case .mid: .tokenMid
        case .low: .tokenLow
        }
    }
}
