import Foundation
import XCTest
@testable import LocalEngine

/// Every weight format against gguf-py: rows written by Reference/quantized_rows.py (gguf-py's quantizer, or random
/// valid blocks for the K-quants), dequantized by the engine and by gguf.quants.dequantize; and every kernel against
/// the float computation on those dequantized weights.
final class QuantizationFormatTests: XCTestCase {
    /// `rows` × `columns` weights of `type` and gguf-py's floats for them.
    func referenceRows(_ type: GGMLType, rows: Int, columns: Int, seed: Int) throws -> (bytes: [UInt8], floats: [[Float]]) {
        let directory = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        _ = try ReferencePython.run(script: "quantized_rows.py",
                                    ["\(type)", "\(rows)", "\(columns)", "\(seed)", directory.path], timeout: 60)
        let bytes = [UInt8](try Data(contentsOf: directory.appendingPathComponent("weights.bin")))
        let floatData = try Data(contentsOf: directory.appendingPathComponent("dequantized.f32"))
        XCTAssertEqual(bytes.count, rows * type.rowBytes(columns)!, "\(type) rows")
        XCTAssertEqual(floatData.count, rows * columns * 4, "\(type) floats")
        let floats = floatData.withUnsafeBytes { raw in
            (0..<rows).map { r in (0..<columns).map { raw.loadUnaligned(fromByteOffset: (r * columns + $0) * 4, as: Float.self) } }
        }
        return (bytes, floats)
    }

    func dequantized(_ type: GGMLType, _ bytes: [UInt8], rows: Int, columns: Int) -> [[Float]] {
        bytes.withUnsafeBytes { raw in
            let m = WeightMatrix(type: type, rows: rows, columns: columns, data: raw.baseAddress!)
            return (0..<rows).map { r in
                var row = [Float](repeating: .nan, count: columns)
                row.withUnsafeMutableBufferPointer { m.dequantizeRow(r, into: $0.baseAddress!) }
                return row
            }
        }
    }

    func testDequantizationMatchesGGUFPy() throws {
        for (index, type) in GGMLType.allCases.enumerated() {
            let rows = 3, columns = 512
            let (bytes, expected) = try referenceRows(type, rows: rows, columns: columns, seed: index)
            let ours = dequantized(type, bytes, rows: rows, columns: columns)
            for r in 0..<rows {
                for (j, (a, b)) in zip(ours[r], expected[r]).enumerated() where abs(a - b) > 1e-6 * max(1, abs(b)) {
                    XCTFail("\(type) row \(r) weight \(j): \(a), gguf-py \(b)")
                    break
                }
            }
        }
    }

    /// Quantized formats: exactly (up to float summation) the dot product of the dequantized weights with the 8-bit
    /// rounded activations, on every kernel level; float formats: the plain float dot product.
    func testEveryKernelMatchesTheFloatPathOnTheDequantizedWeights() throws {
        let rows = 19, columns = 512
        for (index, type) in GGMLType.allCases.enumerated() {
            let (bytes, _) = try referenceRows(type, rows: rows, columns: columns, seed: 100 + index)
            let weights = dequantized(type, bytes, rows: rows, columns: columns)
            for inputs in [1, 3, 6] {
                let x = (0..<(inputs * columns)).map { _ in Float.random(in: -2...2) }
                let q = QuantizedActivations(rows: inputs, width: columns)
                x.withUnsafeBufferPointer { q.quantize($0.baseAddress!, rows: inputs) }
                let isQuantized = type.blockLength > 1
                let activations: [[Float]] = (0..<inputs).map { r in
                    (0..<columns).map { j in
                        let block = (r * columns + j) / 32
                        return isQuantized ? Float(q.bytes[r * columns + j]) * q.scales[block] : x[r * columns + j]
                    }
                }
                for kernels in MatmulKernelLevel.available {
                    let out = engineProduct(type, bytes, rows: rows, columns: columns, x: x, inputs: inputs,
                                            quantized: q, round: isQuantized, kernels: kernels)
                    for r in 0..<inputs {
                        for n in 0..<rows {
                            let expected = zip(weights[n], activations[r]).reduce(Float(0)) { $0 + $1.0 * $1.1 }
                            let magnitude = zip(weights[n], activations[r]).reduce(Float(0)) { $0 + abs($1.0 * $1.1) }
                            XCTAssertEqual(out[r * rows + n], expected, accuracy: 1e-5 * max(1, magnitude),
                                           "\(type) \(kernels) row \(n) input \(r) of \(inputs)")
                        }
                    }
                }
            }
        }
    }
}
