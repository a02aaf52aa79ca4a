import Foundation
import XCTest
@testable import LocalEngine

final class GGUFReaderTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = try makeTemporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// A valid file with every metadata type and one Q8_0 tensor of 2 rows × 32.
    func validFile() -> GGUFTestFile {
        var f = GGUFTestFile()
        f.metadata = [
            ("general.architecture", .string("llama")),
            ("u8", .u8(200)), ("i8", .i8(-5)), ("u16", .u16(60000)), ("i16", .i16(-300)),
            ("u32", .u32(4_000_000_000)), ("i32", .i32(-7)), ("u64", .u64(1 << 40)), ("i64", .i64(-(1 << 40))),
            ("f32", .f32(1.5)), ("f64", .f64(-2.25)), ("flag", .bool(true)),
            ("tokenizer.ggml.tokens", .array(elementType: 8, [.string("<s>"), .string("héllo"), .string("🙂")])),
            ("tokenizer.ggml.token_type", .array(elementType: 5, [.i32(3), .i32(1), .i32(1)])),
            ("nested", .array(elementType: 9, [.array(elementType: 4, [.u32(1), .u32(2)])])),
        ]
        var block: [UInt8] = [0x00, 0x3C]  // f16 1.0
        block += (0..<32).map { UInt8(bitPattern: Int8($0 - 16)) }
        f.tensors = [GGUFTestFile.Tensor(name: "w", type: 8, dimensions: [32, 2], data: block + block)]
        return f
    }

    func write(_ f: GGUFTestFile, _ name: String = "model.gguf") throws -> String {
        let url = directory.appendingPathComponent(name)
        try f.write(to: url)
        return url.path
    }

    func write(bytes: [UInt8], _ name: String = "model.gguf") throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }

    func assertProblem(_ path: String, _ expected: GGUFError.Problem, mentions text: String,
                       file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try GGUFFile(path: path), file: file, line: line) { error in
            guard let e = error as? GGUFError else { return XCTFail("not a GGUFError: \(error)", file: file, line: line) }
            XCTAssertEqual(e.problem, expected, file: file, line: line)
            XCTAssertTrue(e.description.contains(path), "message names the file: \(e)", file: file, line: line)
            XCTAssertTrue(e.description.contains(text), "message \"\(e)\" mentions \"\(text)\"", file: file, line: line)
        }
    }

    func testReadsEveryMetadataTypeAndTensorInfo() throws {
        let file = try GGUFFile(path: try write(validFile()))
        XCTAssertEqual(file.version, 3)
        XCTAssertEqual(file.metadata["general.architecture"]?.string, "llama")
        XCTAssertEqual(file.metadata["u8"]?.int, 200)
        XCTAssertEqual(file.metadata["i8"]?.int, -5)
        XCTAssertEqual(file.metadata["u16"]?.int, 60000)
        XCTAssertEqual(file.metadata["i16"]?.int, -300)
        XCTAssertEqual(file.metadata["u32"]?.int, 4_000_000_000)
        XCTAssertEqual(file.metadata["i32"]?.int, -7)
        XCTAssertEqual(file.metadata["u64"]?.int, 1 << 40)
        XCTAssertEqual(file.metadata["i64"]?.int, -(1 << 40))
        XCTAssertEqual(file.metadata["f32"]?.float, 1.5)
        XCTAssertEqual(file.metadata["f64"]?.float, -2.25)
        XCTAssertEqual(file.metadata["flag"]?.bool, true)
        XCTAssertEqual(file.metadata["tokenizer.ggml.tokens"]?.stringArray, ["<s>", "héllo", "🙂"])
        XCTAssertEqual(file.metadata["tokenizer.ggml.token_type"]?.intArray, [3, 1, 1])
        XCTAssertEqual(file.metadata["nested"]?.array?.first?.intArray, [1, 2])
        XCTAssertNil(file.metadata["tokenizer.ggml.tokens"]?.intArray)
        XCTAssertEqual(file.metadataKeys.first, "general.architecture")
        XCTAssertEqual(try file.requireStringArray("tokenizer.ggml.tokens").count, 3)

        let t = try XCTUnwrap(file.tensor(named: "w"))
        XCTAssertEqual(t.type, .q8_0)
        XCTAssertEqual(t.dimensions, [32, 2])
        XCTAssertEqual(t.byteCount, 68)
        XCTAssertEqual(t.fileOffset % 32, 0)
        XCTAssertEqual(file.dataOffset, t.fileOffset)
        let bytes = file.bytes(of: t)
        XCTAssertEqual(bytes.load(fromByteOffset: 2 + 34, as: Int8.self), -16)
    }

    /// Once built from, the arrays go (a served model keeps its tensors and scalars), and the header pages handed
    /// back to the kernel read again from the file unchanged.
    func testReleasedArraysLeaveScalarsAndTensorsReadable() throws {
        let file = try GGUFFile(path: try write(validFile()))
        file.releaseArrays()
        XCTAssertNil(file.metadata["tokenizer.ggml.tokens"])
        XCTAssertNil(file.metadata["nested"])
        XCTAssertEqual(file.metadata["general.architecture"]?.string, "llama")
        XCTAssertEqual(file.metadata["u64"]?.int, 1 << 40)
        let t = try XCTUnwrap(file.tensor(named: "w"))
        XCTAssertEqual(file.bytes(of: t).load(fromByteOffset: 2 + 34, as: Int8.self), -16)
    }

    func testMissingKeyAndWrongTypeNameTheKey() throws {
        let file = try GGUFFile(path: try write(validFile()))
        XCTAssertThrowsError(try file.requireInt("llama.block_count")) { error in
            XCTAssertEqual((error as? GGUFError)?.problem, .missingKey("llama.block_count"))
            XCTAssertTrue("\(error)".contains("llama.block_count"))
        }
        XCTAssertThrowsError(try file.requireInt("general.architecture")) { error in
            XCTAssertEqual((error as? GGUFError)?.problem, .wrongKeyType(key: "general.architecture", expected: "an integer"))
        }
    }

    func testMissingFile() {
        let path = directory.appendingPathComponent("absent.gguf").path
        XCTAssertThrowsError(try GGUFFile(path: path)) { error in
            guard case .cannotOpen = (error as? GGUFError)?.problem else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains(path))
        }
    }

    func testBadMagic() throws {
        var f = validFile()
        f.magic = Array("GGML".utf8)
        assertProblem(try write(f), .badMagic, mentions: "bad magic")
        assertProblem(try write(bytes: Array("PK\u{3}\u{4}hello".utf8), "zip.gguf"), .badMagic, mentions: "not a GGUF file")
    }

    func testUnsupportedVersion() throws {
        var f = validFile()
        f.version = 1
        assertProblem(try write(f), .unsupportedVersion(1), mentions: "version 1")
    }

    func testTruncatedHeaderAndMetadata() throws {
        let full = validFile().bytes()
        assertProblem(try write(bytes: Array(full.prefix(10))), .truncated("header needs 24 bytes, file has 10"),
                      mentions: "truncated")
        assertProblem(try write(bytes: [], "empty.gguf"), .truncated("header needs 24 bytes, file has 0"), mentions: "truncated")
        // Cut inside the token strings array.
        let cut = Array(full.prefix(200))
        XCTAssertThrowsError(try GGUFFile(path: try write(bytes: cut))) { error in
            guard case .truncated = (error as? GGUFError)?.problem else { return XCTFail("\(error)") }
        }
    }

    func testTruncatedTensorData() throws {
        let full = validFile().bytes()
        let cut = Array(full.prefix(full.count - 40))
        XCTAssertThrowsError(try GGUFFile(path: try write(bytes: cut))) { error in
            guard case .truncated(let what) = (error as? GGUFError)?.problem else { return XCTFail("\(error)") }
            XCTAssertTrue(what.contains("tensor data of 'w'"), what)
        }
    }

    func testUnsupportedTensorType() throws {
        var f = validFile()
        f.tensors[0].type = 10  // Q2_K
        assertProblem(try write(f), .unsupportedTensorType(tensor: "w", typeID: 10),
                      mentions: "unsupported tensor type Q2_K (type 10)")
        f.tensors[0].type = 99  // no ggml type
        assertProblem(try write(f), .unsupportedTensorType(tensor: "w", typeID: 99), mentions: "unsupported tensor type 99 (unknown to ggml)")
    }

    func testMalformedCountsAndShapesAreRejected() throws {
        var f = validFile()
        f.tensors[0].dimensions = [33, 2]  // not a whole number of Q8_0 blocks
        XCTAssertThrowsError(try GGUFFile(path: try write(f, "a.gguf"))) { error in
            guard case .malformed = (error as? GGUFError)?.problem else { return XCTFail("\(error)") }
        }
        f = validFile()
        f.metadata.append(("huge", .array(elementType: 8, [])))
        var bytes = f.bytes()  // metadata count is at byte 16
        // Patch the metadata count to claim far more entries than the file holds.
        withUnsafeBytes(of: UInt64(1 << 50).littleEndian) { for i in 0..<8 { bytes[16 + i] = $0[i] } }
        XCTAssertThrowsError(try GGUFFile(path: try write(bytes: bytes, "b.gguf")))
    }

    func testRealModelMetadata() throws {
        let file = try GGUFFile(path: ModelFixture.modelPath)
        XCTAssertEqual(file.metadata["general.architecture"]?.string, "llama")
        XCTAssertEqual(file.metadata["tokenizer.ggml.tokens"]?.stringArray?.count, 49152)
        XCTAssertEqual(file.metadata["tokenizer.ggml.merges"]?.stringArray?.count, 48900)
        XCTAssertEqual(file.metadata["tokenizer.ggml.bos_token_id"]?.int, 1)
        XCTAssertEqual(file.tensors.count, 272)
        XCTAssertEqual(file.tensor(named: "token_embd.weight")?.type, .q8_0)
        XCTAssertEqual(file.tensor(named: "blk.0.ffn_down.weight")?.dimensions, [1536, 576])
        let config = try LlamaConfig(file: file, contextLength: 2048)
        XCTAssertEqual(config.layerCount, 30)
        XCTAssertEqual(config.headCount, 9)
        XCTAssertEqual(config.kvHeadCount, 3)
        XCTAssertEqual(config.vocabSize, 49152)
        XCTAssertEqual(config.trainedContextLength, 8192)
        XCTAssertEqual(config.contextLength, 2048)
        XCTAssertEqual(config.ropeFrequencyBase, 100000)
    }
}
