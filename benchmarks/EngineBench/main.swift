// EngineBench: prompt and decode throughput of LocalEngine on the SmolLM2 model, at 1 and 2 threads, plus memory,
// the sampler's cost per token and the tokenizer's encode rate.
//   swift build -c release --product EngineBench && .build/release/EngineBench [MODEL.gguf] [--repeat N]
// Other work on the machine makes timings noisy: each figure is the best of N runs (typical = median, in brackets).

import Foundation
import LocalEngine

let arguments = Array(CommandLine.arguments.dropFirst())
// The argument, else `$SYNTHPAD_MODEL`, else where `make model` puts it (`${XDG_CACHE_HOME:-~/.cache}/synthpad/models`).
let environment = ProcessInfo.processInfo.environment
let modelPath = arguments.first { !$0.hasPrefix("--") && Int($0) == nil }
    ?? environment["SYNTHPAD_MODEL"].flatMap { $0.isEmpty ? nil : $0 }
    ?? ((environment["XDG_CACHE_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory() + "/.cache")
        + "/synthpad/models/SmolLM2-135M-Instruct.Q4_1.gguf")
let repeats = arguments.firstIndex(of: "--repeat").flatMap { Int(arguments[$0 + 1]) } ?? 3

let promptLength = 128
let decodeLength = 128
let concurrentSequences = 4
let targets = (decode: 60.0, prompt: 120.0, rssRatio: 1.5)

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// CPU seconds used by the whole process (all threads, user + system).
func processCPU() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

func memoryStatus(_ key: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
        return Int(line.split(separator: " ").dropFirst().first ?? "0").map { $0 * 1024 } ?? 0
    }
    return 0
}

/// The most likely token (a plain loop: the closure-based `indices.max` costs a few percent of a decode step here).
func argmax(_ v: [Float]) -> Int {
    v.withUnsafeBufferPointer { p in
        var best = 0
        for i in 1..<p.count where p[i] > p[best] { best = i }
        return best
    }
}

struct Rate {
    var best: Double
    var typical: Double
    /// Tokens per CPU-second of the process: what the run would reach with its threads never descheduled
    /// (other work on this 2-core machine steals time; spinning workers count as busy).
    var perCPUSecond: Double
}

/// Best and median of `repeats` runs of `body`, which returns (tokens, seconds).
func measure(_ body: () throws -> (Int, Double)) rethrows -> Rate {
    var rates: [Double] = []
    var perCPU = 0.0
    for _ in 0..<repeats {
        let cpu0 = processCPU()
        let (tokens, seconds) = try body()
        rates.append(Double(tokens) / seconds)
        perCPU = max(perCPU, Double(tokens) / (processCPU() - cpu0))
    }
    rates.sort()
    return Rate(best: rates.last!, typical: rates[rates.count / 2], perCPUSecond: perCPU)
}

// A deterministic prompt of ordinary token ids (the text does not matter for speed).
var seed: UInt64 = 42
let prompt: [Int] = (0..<promptLength).map { _ in
    seed = seed &* 6364136223846793005 &+ 1442695040888963407
    return 200 + Int(seed >> 33) % 20000
}

let file = try GGUFFile(path: modelPath)
print("model: \(modelPath) (\(file.fileSize) bytes)")
print("prompt \(promptLength) tokens in one batch; decode \(decodeLength) tokens one at a time; best of \(repeats) [median]")
print(String(format: "load average when starting: %@\n", (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
    .split(separator: " ").prefix(3).joined(separator: " ") ?? "?"))

struct Row { let name: String; let value: String; let ratio: String }
var rssWithModel = 0
var table: [Row] = []
func ratio(_ value: Double, _ target: Double) -> String { String(format: "%.2f× target %.0f", value / target, target) }
func rate(_ r: Rate) -> String {
    String(format: "%7.1f tok/s [%5.1f]  %6.1f per CPU-s", r.best, r.typical, r.perCPUSecond)
}

for threads in [1, 2] {
    let model = try LlamaModel(file: file, threads: threads, contextLength: 1024)
    let cache = model.makeCache()
    let promptRate = try measure {
        cache.reset()
        let start = now()
        _ = try model.forward(cache: cache, tokens: prompt)
        return (promptLength, now() - start)
    }
    let decodeRate = try measure {
        cache.reset()
        var next = argmax(try model.forward(cache: cache, tokens: Array(prompt.prefix(8))))
        let start = now()
        for _ in 0..<decodeLength { next = argmax(try model.forward(cache: cache, tokens: [next])) }
        return (decodeLength, now() - start)
    }
    let caches = (0..<concurrentSequences).map { _ in model.makeCache() }
    let concurrentRate = try measure {
        var next: [Int] = []
        for (i, c) in caches.enumerated() {
            c.reset()
            next.append(argmax(try model.forward(cache: c, tokens: Array(prompt[(i * 8)..<(i * 8 + 8)]))))
        }
        let start = now()
        for _ in 0..<(decodeLength / 2) {
            let rows = try model.forward(zip(caches, next).map { SequenceBatchEntry(cache: $0, tokens: [$1]) })
            next = rows.map { argmax($0[0]) }
        }
        return (concurrentSequences * decodeLength / 2, now() - start)
    }
    if threads == 2 { rssWithModel = memoryStatus("VmRSS") }  // model, 5 caches and scratch alive
    let isTarget = threads == 2
    table.append(Row(name: "prompt, \(threads) thread(s)", value: rate(promptRate),
                     ratio: isTarget ? ratio(promptRate.best, targets.prompt) : ""))
    table.append(Row(name: "decode, \(threads) thread(s)", value: rate(decodeRate),
                     ratio: isTarget ? ratio(decodeRate.best, targets.decode) : ""))
    table.append(Row(name: "decode ×\(concurrentSequences) seqs, \(threads) thread(s)", value: rate(concurrentRate),
                     ratio: String(format: "%.2f× single-sequence decode", concurrentRate.best / decodeRate.best)))
}

// The sampler and the tokenizer: the unit tests check what they pick and encode, their speed is measured here.
do {
    var state: UInt64 = 7
    let logits: [Float] = (0..<49152).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(Int(state >> 40) % 2000) / 100 - 10
    }
    let options = SamplingOptions(temperature: 0.8, topK: 40, topP: 0.9, presencePenalty: 0.5, repetitionPenalty: 1.1,
                                  seed: 1)
    let samplerRate = measure {
        var sampler = Sampler(options: options, promptTokens: Array(0..<500))
        let start = now()
        for _ in 0..<200 { sampler.accept(sampler.sample(logits)) }
        return (200, now() - start)
    }
    table.append(Row(name: "sampler, 49,152 logits, top_k 40 + penalties", value: rate(samplerRate),
                     ratio: String(format: "%.3f ms per token", 1000 / samplerRate.best)))

    // 20,000 words made of random syllables (most of them distinct, so the first pass meets new words), with
    // punctuation, digits and accents.
    let syllables = ["ka", "ro", "ti", "ven", "sho", "lu", "mar", "é", "qu", "ix", "bel", "dra", "on", "st", "ü"]
    var words: [String] = []
    for i in 0..<20_000 {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        var word = ""
        let length = 2 + Int(state >> 60) % 3
        for k in 0..<length {
            let shift = UInt64(8 + 4 * k)
            word += syllables[Int((state >> shift) % 15)]
        }
        words.append(i % 17 == 16 ? word + "., " + String(i) : word)
    }
    let text = words.joined(separator: " ")
    var coldTokens = 0
    let cold = try measure {
        let fresh = try Tokenizer(gguf: file)  // an empty word cache
        let start = now()
        coldTokens = fresh.encode(text).count
        return (coldTokens, now() - start)
    }
    let tokenizer = try Tokenizer(gguf: file)
    _ = tokenizer.encode(text)
    let warm = measure {
        let start = now()
        let count = tokenizer.encode(text).count
        return (count, now() - start)
    }
    table.append(Row(name: "tokenizer encode, first pass (\(coldTokens) tokens)", value: rate(cold), ratio: ""))
    table.append(Row(name: "tokenizer encode, words cached", value: rate(warm),
                     ratio: String(format: "%.2f× the first pass", warm.best / cold.best)))
}

let peak = memoryStatus("VmHWM")
table.append(Row(name: "resident memory, 2-thread model loaded", value: "\(rssWithModel / 1_048_576) MiB VmRSS",
                 ratio: String(format: "%.2f× file size (target ≤ %.1f×)", Double(rssWithModel) / Double(file.fileSize),
                               targets.rssRatio)))
table.append(Row(name: "peak resident memory (whole run)", value: "\(peak / 1_048_576) MiB VmHWM",
                 ratio: String(format: "%.2f× file size (two models in turn)", Double(peak) / Double(file.fileSize))))

let width = table.map(\.name.count).max()!
for row in table {
    print(row.name.padding(toLength: width, withPad: " ", startingAt: 0), " ", row.value, " ", row.ratio)
}
print("\nllama.cpp on this file: 85 decode / 164 prompt tok/s at 2 threads, 50 / 89 at 1.")
