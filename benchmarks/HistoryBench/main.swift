// HistoryBench (`make bench-history`): logs 10,000 runs, then times one search through the FTS5 index against the
// same search by LIKE over every row, in interleaved rounds (so load on the machine hits both alike); prints the
// medians and their ratio. The LIKE scan is the anchor: figures mean the same on any machine.
//
// Usage: HistoryBench [runs] (default 10000)
//        HistoryBench --fill PATH   logs runs into PATH until killed (the kill -9 consistency test's writer)
import Foundation
import RunHistory
import SynthKit

let words = ["the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog", "river", "mountain", "castle", "paris",
             "dragon", "engine", "lantern", "violin", "harbour", "winter", "garden", "copper", "silver", "meadow"]

/// A run with seeded prompt and answer text (the same every time for the same `index`).
func sampleRun(_ index: Int) -> LoggedRun {
    var state = UInt64(index) &* 0x9E37_79B9_7F4A_7C15 | 1
    func word() -> String {
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return words[Int(state % UInt64(words.count))]
    }
    let prompt = (0..<12).map { _ in word() }.joined(separator: " ")
    let answer = (0..<60).map { _ in word() }.joined(separator: " ")
    // One run in a hundred mentions the word searched for.
    let marked = index % 100 == 0 ? answer + " zeppelin" : answer
    return LoggedRun(source: "bench", backend: "local", baseURL: "http://127.0.0.1:8080", engine: "smollm2_135M",
                     kind: "completion", prompt: prompt, parameters: #"{"max_tokens":100}"#, answers: [marked],
                     finishReason: "length", inputTokens: 12, outputTokens: 60, timeToFirstToken: 0.05, totalTime: 1)
}

func seconds(_ work: () throws -> Void) rethrows -> Double {
    let start = ContinuousClock.now
    try work()
    let (whole, atto) = (ContinuousClock.now - start).components
    return Double(whole) + Double(atto) / 1e18
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--fill", let path = arguments.dropFirst().first {
    let store = try HistoryStore(path: path)
    for index in 0... { try store.insert(sampleRun(index)) }
}

let count = arguments.first.flatMap(Int.init) ?? 10_000
let directory = FileManager.default.temporaryDirectory.appendingPathComponent("history-bench-\(UUID().uuidString)")
defer { try? FileManager.default.removeItem(at: directory) }
let store = try HistoryStore(path: directory.appendingPathComponent("history.sqlite").path)
let logging = try seconds { for index in 0..<count { try store.insert(sampleRun(index)) } }
print("logged \(count) runs in \(String(format: "%.2f", logging)) s (\(String(format: "%.0f", Double(count) / logging)) runs/s)")

let query = "zeppelin"
let expected = (count + 99) / 100
var fts: [Double] = [], like: [Double] = []
for _ in 0..<15 {
    var found = 0
    fts.append(try seconds { found = try store.search(query, limit: count).count })
    precondition(found == expected, "FTS found \(found) runs, expected \(expected)")
    like.append(try seconds { found = try store.scan(query, limit: count).count })
    precondition(found == expected, "LIKE found \(found) runs, expected \(expected)")
}
print(String(format: "search \"%@\" over %d runs: FTS5 %.3f ms, LIKE %.3f ms (median of 15 interleaved rounds)",
             query, count, median(fts) * 1000, median(like) * 1000))
print(String(format: "FTS5 is %.1fx faster than LIKE", median(like) / median(fts)))
