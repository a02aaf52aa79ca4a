// What both sides of EngineBench share: the workload's shape, the metrics, and reading /proc.

import Foundation
import LocalEngine

/// The llama-batched-bench workload: prompt length, tokens decoded per sequence, sequences decoded together.
struct BenchShape {
    let promptTokens: Int
    let decodeSteps: Int
    let sequences: Int
    static let standard = BenchShape(promptTokens: 128, decodeSteps: 64, sequences: 4)
}

enum BenchMetric: String, CaseIterable, CustomStringConvertible {
    case prompt = "prompt 128"
    case decode = "decode 64"
    case decodeTogether = "4 sequences × 64"
    var description: String { rawValue }
}

struct EngineKey: Hashable {
    let threads: Int
    let kernels: MatmulKernelLevel
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

func memoryStatus(_ key: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
        return Int(line.split(separator: " ").dropFirst().first ?? "0").map { $0 * 1024 } ?? 0
    }
    return 0
}

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ")
        ?? "?"
}

func printTable(_ rows: [[String]]) {
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max()! }
    for row in rows {
        print(row.enumerated().map { $1.padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  "))
    }
}
