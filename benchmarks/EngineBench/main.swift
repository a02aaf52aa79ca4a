// EngineBench: LocalEngine against llama.cpp on the same GGUF, in the same run, at 1 and 2 threads:
// prompt (128 tokens in one batch), decode (64 tokens after that prompt) and 4 sequences decoded together
// (64 steps of 4 tokens), the shapes of `llama-batched-bench -npp 128 -ntg 64 -npl 1,4`. Our engine runs with the
// CPU's native kernels and with the portable Swift kernels (the fallback), so the kernels' gain is measured too.
// Rounds interleave every configuration (other work on this machine shifts all of them alike); figures are medians.
//   make bench-engine     (builds llama.cpp once, see benchmarks/llama-cpp.sh)
//   .build/release/EngineBench [MODEL.gguf] --llama-cpp DIR [--rounds N]

import Foundation
import LocalEngine

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? { arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil } }
let optionValues = Set(["--llama-cpp", "--rounds"].compactMap(option))
let modelPath = benchModelPath(argument: arguments.first { !$0.hasPrefix("--") && !optionValues.contains($0) })
let rounds = option("--rounds").flatMap(Int.init) ?? 5
guard let llamaCppFolder = option("--llama-cpp") else {
    FileHandle.standardError.write(Data("EngineBench needs --llama-cpp DIR (llama-batched-bench's folder): run `make bench-engine`\n".utf8))
    exit(2)
}
let llamaCpp = LlamaCppBench(folder: llamaCppFolder, modelPath: modelPath, shape: .standard)

let file = try GGUFFile(path: modelPath)
let threadCounts = [1, 2]
let levels: [MatmulKernelLevel] = MatmulKernelLevel.detected == .portable ? [.portable] : [.detected, .portable]
var engines: [EngineKey: OurEngineBench] = [:]
for threads in threadCounts {
    for level in levels {
        engines[EngineKey(threads: threads, kernels: level)] = try OurEngineBench(file: file, threads: threads, kernels: level,
                                                                                 shape: .standard)
    }
}
print("model: \(modelPath) (\(file.fileSize) bytes); native kernels: \(MatmulKernelLevel.detected)")
print("llama.cpp: \(llamaCppFolder)/llama-batched-bench \(llamaCpp.arguments(threads: 1).dropFirst(2).joined(separator: " "))")
print("\(rounds) rounds, each running every configuration once; medians below")
print("load average when starting: \(loadAverage())\n")

var samples: [String: [Double]] = [:]
for round in 1...rounds {
    for threads in threadCounts {
        for level in levels {
            let rates = try engines[EngineKey(threads: threads, kernels: level)]!.measure()
            for (metric, rate) in rates { samples["\(metric) \(threads) \(level)", default: []].append(rate) }
        }
        let theirs = try llamaCpp.run(threads: threads)
        for (metric, rate) in theirs { samples["\(metric) \(threads) llama.cpp", default: []].append(rate) }
    }
    FileHandle.standardError.write(Data("round \(round) of \(rounds) done\n".utf8))
}

func median(_ samples: [Double]?) -> Double {
    let values = (samples ?? [.nan]).sorted()
    return values.count % 2 == 1 ? values[values.count / 2] : (values[values.count / 2 - 1] + values[values.count / 2]) / 2
}

var table = [["", "ours (\(MatmulKernelLevel.detected))", "ours (portable)", "llama.cpp", "ours / llama.cpp",
              "\(MatmulKernelLevel.detected) / portable"]]
for metric in BenchMetric.allCases {
    for threads in threadCounts {
        let native = median(samples["\(metric) \(threads) \(MatmulKernelLevel.detected)"])
        let portable = median(samples["\(metric) \(threads) \(MatmulKernelLevel.portable)"])
        let theirs = median(samples["\(metric) \(threads) llama.cpp"])
        table.append(["\(metric), \(threads) thread\(threads == 1 ? "" : "s")", String(format: "%.1f tok/s", native),
                      String(format: "%.1f tok/s", portable), String(format: "%.1f tok/s", theirs),
                      String(format: "%.2f×", native / theirs), String(format: "%.2f×", native / portable)])
    }
}
printTable(table)
// After the rounds every model has run, so all the weights they read are resident (mapped once, shared by all).
let resident = memoryStatus("VmRSS"), peak = memoryStatus("VmHWM")
print(String(format: "\nresident memory after the rounds, %d models loaded: %d MiB (%.2f× the file), peak %d MiB (%.2f×)",
             engines.count, resident / 1_048_576, Double(resident) / Double(file.fileSize), peak / 1_048_576,
             Double(peak) / Double(file.fileSize)))

print("")
printTable([["", "median"]] + (try samplerAndTokenizerRows(file: file, rounds: rounds)))
