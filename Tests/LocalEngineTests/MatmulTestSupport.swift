@testable import LocalEngine

/// The product the engine computes for `rows` × `columns` weights of `type` (in `bytes`) and `inputs` rows of `x`:
/// out[r · rows + n] for n in `outputs` (the rest stays NaN). With `round`, the matmul reads `quantized`, which must
/// hold `x` rounded to 8 bits; otherwise float activations.
func engineProduct(_ type: GGMLType, _ bytes: [UInt8], rows: Int, columns: Int, x: [Float], inputs: Int,
                  quantized: QuantizedActivations, round: Bool, kernels: MatmulKernelLevel,
                  outputs: Range<Int>? = nil) -> [Float] {
    var out = [Float](repeating: .nan, count: inputs * rows)
    bytes.withUnsafeBytes { raw in
        let m = WeightMatrix(type: type, rows: rows, columns: columns, data: raw.baseAddress!)
        x.withUnsafeBufferPointer { xp in
            let input = MatmulInput(floats: xp.baseAddress!, rows: inputs, quantized: quantized, roundActivations: round,
                                    kernels: kernels)
            out.withUnsafeMutableBufferPointer {
                m.multiply(input, outputs: outputs ?? 0..<rows, into: $0.baseAddress!, outStride: rows)
            }
        }
    }
    return out
}
