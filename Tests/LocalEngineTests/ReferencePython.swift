import Foundation
import TestPeer
import XCTest
@testable import LocalEngine

/// The SmolLM2 model file the engine tests run on (override with SYNTHPAD_MODEL).
enum ModelFixture {
    static let modelPath = TestModel.path

    static func model(threads: Int = 2, roundsActivations: Bool = true, maxBatchRows: Int = 128,
                      kernels: MatmulKernelLevel = .detected) throws -> LlamaModel {
        try TestModel.require()
        return try LlamaModel(file: GGUFFile(path: modelPath), threads: threads, contextLength: 512,
                              maxBatchRows: maxBatchRows, roundsActivations: roundsActivations, kernels: kernels)
    }
}

/// Runs the numpy reference scripts in Reference/ with python3. A missing python3, numpy or gguf package is an
/// error (the tests fail with instructions), never a skip. Output goes to temporary files, read after the child
/// exits; a child that outlives its timeout is killed with SIGKILL.
enum ReferencePython {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Reference")

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static func run(script: String, _ arguments: [String], timeout: TimeInterval = 120) throws -> Data {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("engine-python-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", folder.appendingPathComponent(script).path] + arguments
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        do {
            try process.run()
        } catch {
            throw Failure(description: "cannot start python3 (\(error)); install Python 3 with numpy and gguf")
        }
        let pid = process.processIdentifier
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                kill(pid, SIGKILL)
                process.waitUntilExit()
                throw Failure(description: "\(script) timed out after \(Int(timeout)) s")
            }
            usleep(20_000)
        }
        try out.close()
        try err.close()
        let stdout = try Data(contentsOf: outURL)
        let stderr = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        guard process.terminationStatus == 0 else {
            let hint = stderr.contains("No module named") ? " — install the requirements: pip install numpy gguf" : ""
            throw Failure(description: "\(script) exited with status \(process.terminationStatus)\(hint):\n\(stderr.suffix(2000))")
        }
        return stdout
    }

    /// Logits from Reference/forward.py: the last token's row, or every token's with `all`.
    static func logits(model path: String, tokens: [Int], all: Bool) throws -> [[Float]] {
        let args = [path, "--tokens", tokens.map(String.init).joined(separator: ",")] + (all ? ["--all"] : [])
        let data = try run(script: "forward.py", args, timeout: 180)
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let rows = json["logits"] as? [[Double]] else {
            throw Failure(description: "forward.py printed no logits")
        }
        return rows.map { $0.map(Float.init) }
    }

    /// Writes a tiny random llama model in the given tensor type with Reference/make_tiny_llama.py.
    static func makeTinyModel(type: String, untied: Bool = false, at path: String) throws {
        _ = try run(script: "make_tiny_llama.py", [path, type] + (untied ? ["--untied"] : []), timeout: 60)
    }

    /// Writes the tiny random qwen2 model with Reference/make_tiny_qwen2.py (its vocabulary built from the SmolLM2
    /// file's merges); returns the file's sha256.
    @discardableResult
    static func makeTinyQwen2(untied: Bool = false, at path: String) throws -> String {
        try TestModel.require()
        let data = try run(script: "make_tiny_qwen2.py", [path, ModelFixture.modelPath] + (untied ? ["--untied"] : []),
                           timeout: 120)
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes the tiny random gemma3 model with Reference/make_tiny_gemma3.py.
    static func makeTinyGemma3(at path: String) throws {
        _ = try run(script: "make_tiny_gemma3.py", [path], timeout: 60)
    }
}

/// Largest absolute difference of two equally long vectors.
func largestDifference(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "lengths differ: \(a.count) vs \(b.count)")
    return zip(a, b).reduce(0) { max($0, abs($1.0 - $1.1)) }
}

func logProbabilities(_ logits: [Float]) -> [Double] {
    let m = Double(logits.max()!)
    let lse = log(logits.reduce(0.0) { $0 + exp(Double($1) - m) }) + m
    return logits.map { Double($0) - lse }
}

func indexOfLargest(_ v: [Float]) -> Int { v.indices.max { v[$0] < v[$1] }! }

/// The first `count` greedy tokens after `prompt`, each fed back in (a fresh cache).
func greedyTokens(_ model: LlamaModel, prompt: [Int], count: Int) throws -> [Int32] {
    let cache = model.makeCache()
    var logits = try model.forward(cache: cache, tokens: prompt)
    var generated: [Int32] = []
    for _ in 0..<count {
        let next = indexOfLargest(logits)
        generated.append(Int32(next))
        logits = try model.forward(cache: cache, tokens: [next])
    }
    return generated
}
