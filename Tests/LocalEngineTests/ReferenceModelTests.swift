import Foundation
import XCTest
@testable import LocalEngine

/// LocalEngine's forward pass against an independent numpy implementation (Reference/forward.py) on the same GGUF.
///
/// Tolerances, measured: with float activations (`roundsActivations: false`) the engine matches numpy to ~6e-5 on
/// SmolLM2's logits (range ±20; the JSON is rounded to 1e-5). The default path rounds activations to 8 bits per block
/// of 32 before each quantized matmul, as llama.cpp does; that moves logits by up to ~0.6 (mean 0.2–0.3), so it is
/// checked with a looser bound and for agreement on the most likely tokens.
final class ReferenceModelTests: XCTestCase {
    // "The capital of France is" followed by " Paris" (ids from the reference tokenize entries and llama.cpp).
    static let tokens = [504, 3575, 282, 4649, 314, 7042]

    static let numpyLogits: Result<[[Float]], any Error> = Result {
        try ReferencePython.logits(model: ModelFixture.modelPath, tokens: tokens, all: true)
    }

    func testSmolLM2FloatPathMatchesNumpyAtEveryPosition() throws {
        let expected = try Self.numpyLogits.get()
        let model = try ModelFixture.model(roundsActivations: false)
        let rows = try model.forward([SequenceBatchEntry(cache: model.makeCache(), tokens: Self.tokens, allLogits: true)])[0]
        XCTAssertEqual(rows.count, Self.tokens.count)
        for (i, (row, reference)) in zip(rows, expected).enumerated() {
            let diff = largestDifference(row, reference)
            XCTAssertLessThan(diff, 2e-3, "position \(i): max |Δlogit| \(diff)")
        }
    }

    /// On every kernel level this CPU runs, the portable fallback included (they differ in float summation order).
    func testSmolLM2Int8PathStaysCloseToNumpy() throws {
        let expected = try Self.numpyLogits.get()
        for kernels in MatmulKernelLevel.available {
            let model = try ModelFixture.model(kernels: kernels)
            XCTAssertEqual(model.kernels, kernels)
            try int8PathStaysClose(model, to: expected, "\(kernels)")
        }
    }

    private func int8PathStaysClose(_ model: LlamaModel, to expected: [[Float]], _ label: String) throws {
        let rows = try model.forward([SequenceBatchEntry(cache: model.makeCache(), tokens: Self.tokens, allLogits: true)])[0]
        for (i, (row, reference)) in zip(rows, expected).enumerated() {
            // Compared as log-probabilities (a shift of all logits changes nothing) over numpy's ten likeliest tokens.
            let ours = logProbabilities(row), theirs = logProbabilities(reference)
            let likeliest = theirs.indices.sorted { theirs[$0] > theirs[$1] }.prefix(10)
            let worst = likeliest.map { abs(ours[$0] - theirs[$0]) }.max()!
            XCTAssertLessThan(worst, 0.5, "\(label) position \(i): max |Δlogprob| over the top 10: \(worst)")
            XCTAssertEqual(indexOfLargest(row), indexOfLargest(reference), "\(label) position \(i): most likely token")
        }
    }

    /// Tiny random llama models in every supported weight format, written by gguf.GGUFWriter (the K-quants' weights
    /// are random valid blocks: gguf-py has no quantizer for them).
    func testTinyModelsInEveryFormatMatchNumpy() throws {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tokens = [1, 5, 17, 42, 95, 3, 3, 60]
        let formats = [("F32", false), ("F16", true), ("BF16", false), ("Q8_0", false), ("Q4_0", true), ("Q4_1", false),
                       ("Q5_0", true), ("Q5_1", false), ("Q4_K", true), ("Q5_K", false), ("Q6_K", true)]
        for (type, untied) in formats {
            let path = directory.appendingPathComponent("tiny-\(type).gguf").path
            try ReferencePython.makeTinyModel(type: type, untied: untied, at: path)
            let expected = try ReferencePython.logits(model: path, tokens: tokens, all: true)
            let file = try GGUFFile(path: path)
            XCTAssertEqual(file.tensor(named: "blk.0.attn_q.weight")?.type.description, type)
            for (rounding, kernels) in [(false, MatmulKernelLevel.portable)] + MatmulKernelLevel.available.map({ (true, $0) }) {
                let model = try LlamaModel(file: file, threads: 2, roundsActivations: rounding, kernels: kernels)
                let rows = try model.forward([SequenceBatchEntry(cache: model.makeCache(), tokens: tokens, allLogits: true)])[0]
                let scale = expected.flatMap { $0 }.map(abs).max()!
                for (i, (row, reference)) in zip(rows, expected).enumerated() {
                    let diff = largestDifference(row, reference)
                    // Float activations: float rounding only. 8-bit activations on random weights: measured up to 4.2% of the
                    // logit scale (Q8_0), so 6%.
                    let bound = rounding && !["F32", "F16", "BF16"].contains(type) ? 0.06 * scale : 1e-3 * max(scale, 1)
                    XCTAssertLessThan(diff, bound, "\(type) rounding \(rounding) \(kernels) position \(i): max |Δ| \(diff), scale \(scale)")
                }
            }
        }
    }
}
