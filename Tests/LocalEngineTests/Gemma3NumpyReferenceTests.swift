import Foundation
import XCTest
@testable import LocalEngine

/// The gemma3 architecture on a tiny random model written at test time by Reference/make_tiny_gemma3.py (F32, seven
/// layers, a sliding window of 4 keys, head width 24 ≠ D/heads), so that CI runs gemma3 without the opt-in 270M file
/// GemmaReferenceTests needs: its float logits against numpy (Reference/forward.py) at every position.
final class Gemma3NumpyReferenceTests: XCTestCase {
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tiny-gemma3-\(UUID().uuidString)")
    static let tinyModel: Result<String, any Error> = Result {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("tiny-gemma3.gguf").path
        try ReferencePython.makeTinyGemma3(at: path)
        return path
    }
    /// BOS, then 13 more: longer than the window of 4, so sliding layers see fewer keys than the global one.
    static let tokens = [2, 5, 17, 42, 95, 3, 3, 60, 200, 288, 280, 7, 261, 270]

    override class func tearDown() {
        try? FileManager.default.removeItem(at: directory)
        super.tearDown()
    }

    func testConfigAndTokenizerReadGemma3() throws {
        let file = try GGUFFile(path: try Self.tinyModel.get())
        let config = try LlamaConfig(file: file)
        XCTAssertEqual(config.family, .gemma3)
        XCTAssertEqual(config.layerCount, 7)
        XCTAssertEqual(config.headDimension, 24)
        XCTAssertEqual(config.queryDimension, 96)
        XCTAssertEqual(config.slidingWindow, 4)
        XCTAssertEqual(config.ropeFrequencyBase, 1e6)
        XCTAssertEqual(config.slidingRopeFrequencyBase, 1e4)
        XCTAssertEqual((0..<7).map(config.isSlidingWindowLayer), [true, true, true, true, true, false, true])
        let tokenizer = try Tokenizer(gguf: file)
        XCTAssertEqual(tokenizer.bosID, 2)
        XCTAssertEqual(tokenizer.decode(tokenizer.encode("the cab")), "the cab")
    }

    /// F32 weights, so no activation rounding: float summation order only. Measured worst |Δlogit| 1.1e-5 (logits
    /// within ±62, the JSON rounded to 1e-5); bound 1e-3. Each of these slips in the engine fails it: the window one
    /// key longer (Δ 2.7 from position 4 on), no √D embedding scale (Δ 27+), the global RoPE base on sliding layers
    /// (Δ 0.2+), every layer sliding (Δ 0.03+), GELU's 0.044715 as 0.04 (Δ 0.007+).
    func testFloatPathMatchesNumpyAtEveryPosition() throws {
        let path = try Self.tinyModel.get()
        let expected = try ReferencePython.logits(model: path, tokens: Self.tokens, all: true)
        let model = try LlamaModel(file: GGUFFile(path: path), threads: 2, roundsActivations: false)
        let rows = try model.forward([SequenceBatchEntry(cache: model.makeCache(), tokens: Self.tokens, allLogits: true)])[0]
        XCTAssertEqual(rows.count, Self.tokens.count)
        for (i, (row, reference)) in zip(rows, expected).enumerated() {
            let diff = largestDifference(row, reference)
            XCTAssertLessThan(diff, 1e-3, "position \(i): max |Δlogit| \(diff)")
        }
    }
}
