// Our side of EngineBench: one model (thread count, kernel level) running the llama-batched-bench workload.

import Foundation
import LocalEngine

final class OurEngineBench {
    let model: LlamaModel
    let shape: BenchShape
    let caches: [KVCache]
    /// Ordinary token ids, fixed (the text does not matter for speed; llama-batched-bench uses random ids).
    let prompts: [[Int]]

    init(file: GGUFFile, threads: Int, kernels: MatmulKernelLevel, shape: BenchShape) throws {
        let model = try LlamaModel(file: file, threads: threads, contextLength: 1024, kernels: kernels)
        self.model = model
        self.shape = shape
        caches = (0..<shape.sequences).map { _ in model.makeCache() }
        var seed: UInt64 = 42
        prompts = (0..<shape.sequences).map { _ in
            (0..<shape.promptTokens).map { _ in
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                return 200 + Int(seed >> 33) % 20000
            }
        }
    }

    /// Tokens per second of each metric, measured once.
    func measure() throws -> [(BenchMetric, Double)] {
        // Prompt: one batch into an empty cache.
        let first = caches[0]
        first.reset()
        var start = now()
        var next = [argmax(try model.forward(cache: first, tokens: prompts[0]))]
        let prompt = Double(shape.promptTokens) / (now() - start)

        // Decode: one token a step, after that prompt.
        start = now()
        for _ in 0..<shape.decodeSteps { next[0] = argmax(try model.forward(cache: first, tokens: [next[0]])) }
        let decode = Double(shape.decodeSteps) / (now() - start)

        // Sequences decoded together, each after its own prompt (prefill not timed).
        next = []
        for (cache, tokens) in zip(caches, prompts) {
            cache.reset()
            next.append(argmax(try model.forward(cache: cache, tokens: tokens)))
        }
        start = now()
        for _ in 0..<shape.decodeSteps {
            let rows = try model.forward(zip(caches, next).map { SequenceBatchEntry(cache: $0, tokens: [$1]) })
            next = rows.map { argmax($0[0]) }
        }
        let together = Double(shape.decodeSteps * shape.sequences) / (now() - start)
        return [(.prompt, prompt), (.decode, decode), (.decodeTogether, together)]
    }

    /// The most likely token (a plain loop: the closure-based `indices.max` costs a few percent of a decode step).
    private func argmax(_ v: [Float]) -> Int {
        v.withUnsafeBufferPointer { p in
            var best = 0
            for i in 1..<p.count where p[i] > p[best] { best = i }
            return best
        }
    }
}
