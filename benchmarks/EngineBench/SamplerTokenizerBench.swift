// The sampler's cost per token and the tokenizer's encode rate: the unit tests check what they pick and encode,
// their speed is measured here (medians of `rounds` runs; the first tokenizer pass against one with words cached).
import Foundation
import LocalEngine

/// The model file: the argument, else `$SYNTHPAD_MODEL`, else where `make model` puts it
/// (`${XDG_CACHE_HOME:-~/.cache}/synthpad/models`).
func benchModelPath(argument: String?) -> String {
    let environment = ProcessInfo.processInfo.environment
    if let argument { return argument }
    if let path = environment["SYNTHPAD_MODEL"], !path.isEmpty { return path }
    let cache = environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.cache"
    return cache + "/synthpad/models/SmolLM2-135M-Instruct.Q4_1.gguf"
}

/// Rows for the results table: sampler and tokenizer rates.
func samplerAndTokenizerRows(file: GGUFFile, rounds: Int) throws -> [[String]] {
    func medianRate(_ runs: Int, _ body: () throws -> (Int, Double)) rethrows -> Double {
        var rates: [Double] = []
        for _ in 0..<max(1, runs) {
            let (count, seconds) = try body()
            rates.append(Double(count) / seconds)
        }
        rates.sort()
        return rates[rates.count / 2]
    }
    var state: UInt64 = 7
    let logits: [Float] = (0..<49152).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(Int(state >> 40) % 2000) / 100 - 10
    }
    let options = SamplingOptions(temperature: 0.8, topK: 40, topP: 0.9, presencePenalty: 0.5, repetitionPenalty: 1.1,
                                  seed: 1)
    let sampler = medianRate(rounds) {
        var sampler = Sampler(options: options, promptTokens: Array(0..<500))
        let start = now()
        for _ in 0..<200 { sampler.accept(sampler.sample(logits)) }
        return (200, now() - start)
    }
    // 20,000 words of random syllables (most distinct, so the first pass meets new words), punctuation, digits, accents.
    let syllables = ["ka", "ro", "ti", "ven", "sho", "lu", "mar", "é", "qu", "ix", "bel", "dra", "on", "st", "ü"]
    var words: [String] = []
    for i in 0..<20_000 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        var word = ""
        for k in 0..<(2 + Int(state >> 60) % 3) { word += syllables[Int((state >> UInt64(8 + 4 * k)) % 15)] }
        words.append(i % 17 == 16 ? word + "., " + String(i) : word)
    }
    let text = words.joined(separator: " ")
    let cold = try medianRate(rounds) {
        let fresh = try Tokenizer(gguf: file)  // an empty word cache
        let start = now()
        let count = fresh.encode(text).count
        return (count, now() - start)
    }
    let tokenizer = try Tokenizer(gguf: file)
    _ = tokenizer.encode(text)
    let warm = medianRate(rounds) {
        let start = now()
        let count = tokenizer.encode(text).count
        return (count, now() - start)
    }
    return [
        ["sampler, 49,152 logits, top_k 40 + penalties", String(format: "%.3f ms per token", 1000 / sampler)],
        ["tokenizer encode, first pass", String(format: "%.0f tok/s", cold)],
        ["tokenizer encode, words cached", String(format: "%.0f tok/s (%.2f× the first pass)", warm, warm / cold)],
    ]
}
