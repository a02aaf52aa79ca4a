import Foundation
import XCTest
@testable import LocalEngine

/// Loading a model from GGUF metadata and tensors: the config read from metadata, and clear errors for files that
/// are valid GGUF but not a usable llama model.
final class ModelLoadingTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws { directory = try makeTemporaryDirectory() }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func llamaMetadata(architecture: String = "llama") -> [(String, GGUFTestFile.Value)] {
        [("general.architecture", .string(architecture)),
         ("\(architecture).embedding_length", .u32(64)), ("\(architecture).block_count", .u32(1)),
         ("\(architecture).attention.head_count", .u32(4)), ("\(architecture).attention.head_count_kv", .u32(2)),
         ("\(architecture).feed_forward_length", .u32(96)), ("\(architecture).context_length", .u32(32)),
         ("\(architecture).attention.layer_norm_rms_epsilon", .f32(1e-5)), ("\(architecture).vocab_size", .u32(10))]
    }

    func load(_ f: GGUFTestFile, contextLength: Int? = nil) throws -> LlamaModel {
        let url = directory.appendingPathComponent("m.gguf")
        try f.write(to: url)
        return try LlamaModel(file: GGUFFile(path: url.path), threads: 1, contextLength: contextLength)
    }

    func testMissingTensorIsNamed() throws {
        var f = GGUFTestFile()
        f.metadata = llamaMetadata()
        XCTAssertThrowsError(try load(f)) { error in
            XCTAssertEqual((error as? GGUFError)?.problem, .missingTensor("token_embd.weight"))
            XCTAssertTrue("\(error)".contains("m.gguf"), "\(error)")
        }
    }

    func testWrongTensorShapeIsReported() throws {
        var f = GGUFTestFile()
        f.metadata = llamaMetadata()
        f.tensors = [GGUFTestFile.Tensor(name: "token_embd.weight", type: 0, dimensions: [64, 11],
                                         data: [UInt8](repeating: 0, count: 64 * 11 * 4))]
        XCTAssertThrowsError(try load(f)) { error in
            XCTAssertEqual((error as? GGUFError)?.problem,
                           .wrongTensorShape(tensor: "token_embd.weight", expected: [64, 10], found: [64, 11]))
        }
    }

    func testUnsupportedArchitectureAndMissingKeys() throws {
        var f = GGUFTestFile()
        for architecture in ["gpt2", "phi3", "qwen3"] {
            f.metadata = llamaMetadata(architecture: architecture)
            XCTAssertThrowsError(try load(f)) { error in
                XCTAssertEqual((error as? GGUFError)?.problem,
                               .unsupportedModel("architecture '\(architecture)' (supported: llama, gemma3, qwen2)"))
            }
        }
        f.metadata = llamaMetadata().filter { $0.0 != "llama.block_count" }
        XCTAssertThrowsError(try load(f)) { error in
            XCTAssertEqual((error as? GGUFError)?.problem, .missingKey("llama.block_count"))
        }
    }

    /// Biases other than Q/K/V's would be left out of the computation: refused, naming the tensor.
    func testBiasTensorsAreRefusedByName() throws {
        var f = GGUFTestFile()
        f.metadata = llamaMetadata(architecture: "qwen2")
        for name in ["blk.0.attn_output.bias", "output.bias", "attn_q.bias"] {
            f.tensors = [GGUFTestFile.Tensor(name: name, type: 0, dimensions: [64], data: [UInt8](repeating: 0, count: 64 * 4))]
            XCTAssertThrowsError(try load(f)) { error in
                XCTAssertEqual((error as? GGUFError)?.problem, .unsupportedModel("tensor '\(name)': biases are not implemented"))
            }
        }
    }

    func testGemma3ConfigHasWideHeadsAndSlidingWindowLayers() throws {
        var f = GGUFTestFile()
        f.metadata = llamaMetadata(architecture: "gemma3") + [
            ("gemma3.attention.key_length", .u32(32)), ("gemma3.attention.value_length", .u32(32)),
            ("gemma3.attention.sliding_window", .u32(8)), ("gemma3.rope.freq_base", .f32(1e6)),
        ]
        let url = directory.appendingPathComponent("g.gguf")
        try f.write(to: url)
        let config = try LlamaConfig(file: GGUFFile(path: url.path))
        XCTAssertEqual(config.family, .gemma3)
        XCTAssertEqual(config.headDimension, 32)
        XCTAssertEqual(config.queryDimension, 128, "4 heads of 32, wider than the 64-wide embedding")
        XCTAssertEqual(config.kvDimension, 64)
        XCTAssertEqual(config.slidingWindow, 8)
        XCTAssertEqual((0..<12).filter { !config.isSlidingWindowLayer($0) }, [5, 11], "every sixth layer is global")
        XCTAssertEqual(config.ropeFrequencyBase, 1e6)
        XCTAssertEqual(config.slidingRopeFrequencyBase, 10000)
        XCTAssertEqual(config.queryScale, 1)
    }

    func testConfigComesFromMetadataAndContextCanBeSmaller() throws {
        let model = try ModelFixture.model()
        XCTAssertEqual(model.config.contextLength, 512)
        XCTAssertEqual(model.config.headDimension, 64)
        XCTAssertEqual(model.config.kvDimension, 192)
        XCTAssertEqual(model.config.feedForwardLength, 1536)
        XCTAssertEqual(model.config.ropeDimensionCount, 64)
        XCTAssertEqual(model.makeCache().capacity, 512)
        XCTAssertEqual(model.makeCache(capacity: 100_000).capacity, 512)
        let full = try LlamaModel(file: GGUFFile(path: ModelFixture.modelPath))
        XCTAssertEqual(full.config.contextLength, 8192)
    }
}
