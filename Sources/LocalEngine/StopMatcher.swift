// Stop strings for completions: matched on the decoded text across token boundaries.
// The answer excludes the stop string; while streaming, only text that cannot be the start of a stop
// string is released.

/// Watches generated text for stop strings (TextSynth allows up to 5) and says what is safe to emit.
public struct StopMatcher: Sendable {
    /// The stop strings as Unicode scalars (empty strings are ignored).
    private let stops: [[Unicode.Scalar]]
    /// Text received but not yet released: the longest suffix that could still begin a stop string.
    private var held: [Unicode.Scalar] = []
    public private(set) var isStopped = false

    public init(stops: [String]) {
        self.stops = stops.map { Array($0.unicodeScalars) }.filter { !$0.isEmpty }
    }

    public var heldBackText: String { Self.string(held) }

    /// Feeds newly decoded text. Returns the text safe to emit now and whether a stop string was found;
    /// once stopped, the text up to (not including) the stop string has been returned and further input is ignored.
    public mutating func append(_ text: String) -> (emit: String, stopped: Bool) {
        guard !isStopped else { return ("", true) }
        held.append(contentsOf: text.unicodeScalars)
        if let start = earliestMatch() {
            isStopped = true
            let emit = Self.string(held[..<start])
            held.removeAll()
            return (emit, true)
        }
        let keep = longestSuffixThatStartsAStop()
        let emitCount = held.count - keep
        let emit = Self.string(held[..<emitCount])
        held.removeFirst(emitCount)
        return (emit, false)
    }

    /// At the end of generation without a stop: releases the held-back text.
    public mutating func finish() -> String {
        defer { held.removeAll() }
        return isStopped ? "" : Self.string(held)
    }

    private func earliestMatch() -> Int? {
        var best: Int?
        for stop in stops where stop.count <= held.count {
            let lastStart = held.count - stop.count
            let limit = min(lastStart, (best ?? Int.max) - 1)
            guard limit >= 0 else { continue }
            for start in 0...limit where held[start] == stop[0] {
                if (1..<stop.count).allSatisfy({ held[start + $0] == stop[$0] }) {
                    best = start
                    break
                }
            }
        }
        return best
    }

    private func longestSuffixThatStartsAStop() -> Int {
        var longest = 0
        for stop in stops {
            var length = min(stop.count - 1, held.count)
            while length > longest {
                let start = held.count - length
                if (0..<length).allSatisfy({ held[start + $0] == stop[$0] }) {
                    longest = length
                    break
                }
                length -= 1
            }
        }
        return longest
    }

    private static func string<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }
}
