// llama.cpp's side of EngineBench: llama-batched-bench on the same file and workload, its JSON lines read back.

import Foundation

struct LlamaCppBench {
    let folder: String
    let modelPath: String
    let shape: BenchShape

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    func arguments(threads: Int) -> [String] {
        ["-m", modelPath, "-c", "1024", "-b", "512", "-ub", "512", "-npp", "\(shape.promptTokens)",
         "-ntg", "\(shape.decodeSteps)", "-npl", "1,\(shape.sequences)", "-t", "\(threads)", "-tb", "\(threads)",
         "--output-format", "jsonl"]
    }

    /// One run: prompt and decode speed with one sequence, decode speed with `shape.sequences` together.
    func run(threads: Int) throws -> [(BenchMetric, Double)] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: folder).appendingPathComponent("llama-batched-bench")
        process.arguments = arguments(threads: threads)
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Read both pipes to their end before waiting, so that a full pipe never blocks the child.
        let errorData = LockedData()
        let errorReader = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let rows = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line -> [String: Any]? in
            guard line.hasPrefix("{") else { return nil }
            return (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
        }
        func row(sequences: Int) throws -> [String: Any] {
            guard let row = rows.first(where: { $0["pl"] as? Int == sequences }) else {
                while errorData.get() == nil { usleep(1000) }
                let log = String(decoding: errorData.get() ?? Data(), as: UTF8.self).suffix(2000)
                throw Failure(description: "llama-batched-bench (exit \(process.terminationStatus)) gave no result for \(sequences) sequence(s):\n\(log)")
            }
            return row
        }
        let single = try row(sequences: 1), together = try row(sequences: shape.sequences)
        func speed(_ row: [String: Any], _ key: String) -> Double { (row[key] as? Double) ?? .nan }
        return [(.prompt, speed(single, "speed_pp")), (.decode, speed(single, "speed_tg")),
                (.decodeTogether, speed(together, "speed_tg"))]
    }
}

/// The child's error output, handed from the thread that reads it.
final class LockedData: @unchecked Sendable {  // `data` is only touched under `lock`
    private let lock = NSLock()
    private var data: Data?
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data? { lock.withLock { data } }
}
