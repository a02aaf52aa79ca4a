// Shared pieces of UIBench: seeded streamed text, a playground with a request in flight, timing statistics.
import Foundation
import SynthKit
import SynthUI
import TestPeer  // the seeded generator the tests use

/// Streamed chunks as a text-generation API sends them: 1–4 tokens each, tokens being word pieces with their
/// leading space (~4.5 UTF-8 bytes on average), some punctuation, multi-byte text and the odd line break.
struct ChunkSource {
    static let tokens = [
        " the", " of", " and", " to", " in", " a", " is", " that", " for", " it", " was", " on", " with", " as",
        " model", " output", " stream", " terminal", " playground", " generation", " token", "izer", " wrap",
        " café", " naïve", " über", " données", " 東京", " привет", " 🙂", ",", ".", ";", " (", ")", "\n", "\n\n",
        " quick", " brown", " fox", " jumps", " over", " lazy", " dog", " Straße", " línea", " ing", "ed", " un",
    ]

    private var random: SeededRandom
    /// Tokens handed out so far.
    private(set) var tokensProduced = 0

    init(seed: UInt64) { random = SeededRandom(seed: seed) }

    /// One streamed chunk of 1–4 tokens.
    mutating func next() -> String {
        let count = 1 + random.below(4)
        var chunk = ""
        for _ in 0..<count { chunk += Self.tokens[random.below(Self.tokens.count)] }
        tokensProduced += count
        return chunk
    }

    /// `count` chunks, made ahead so that timing loops do no text generation of their own.
    mutating func chunks(_ count: Int) -> [String] { (0..<count).map { _ in next() } }
}

/// A playground of the given size with a completion in flight (started with F5, the real path), and its request id.
func streamingPlayground(columns: Int, rows: Int) -> (state: AppState, requestID: RequestKey) {
    let prompt = """
        Write a long story about a terminal playground that streams text from a language model.
        It should be detailed, with dialogue, and it should not stop early.
        """
    var state = AppState(columns: columns, rows: rows, backendName: "local", engines: EngineChoice.textSynthEngines,
                         prompt: prompt)
    let effects = update(state: &state, event: .key(KeyPress(.function(5))))
    for effect in effects {
        if case .startCompletion(let request, _) = effect { return (state, request) }
    }
    fatalError("F5 did not start a completion")
}

/// Streams chunks into the state through `update` until `tokens` tokens have arrived, in chunks of up to
/// `tokensPerEvent` tokens (bigger events only make filling faster; greedy wrapping gives the same lines).
func fill(_ state: inout AppState, requestID: RequestKey, tokens: Int, source: inout ChunkSource, tokensPerEvent: Int = 64) {
    let target = source.tokensProduced + tokens
    while source.tokensProduced < target {
        var piece = ""
        let stop = min(target, source.tokensProduced + tokensPerEvent)
        while source.tokensProduced < stop { piece += source.next() }
        _ = update(state: &state, event: .streamChunk(request: requestID, index: 0, text: piece))
    }
}

/// Nanoseconds on the monotonic clock.
@inline(__always) func nowNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

extension Array where Element == Double {
    var median: Double {
        let sorted = self.sorted()
        guard !sorted.isEmpty else { return .nan }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
    var minimum: Double { self.min() ?? .nan }
}

/// Formats a duration in nanoseconds with a sensible unit.
func formatNanoseconds(_ ns: Double) -> String {
    if ns >= 1_000_000 { return String(format: "%.2f ms", ns / 1_000_000) }
    if ns >= 1_000 { return String(format: "%.1f µs", ns / 1_000) }
    return String(format: "%.0f ns", ns)
}

/// One row of the results table.
struct ResultRow {
    var figure: String
    var measured: String
    var ratio: String
    var target: String
}
