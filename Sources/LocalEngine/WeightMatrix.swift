// A weight tensor in the file mapping, seen as a matrix of `rows` output features × `columns` input features,
// and the matrix × activation-rows product over a range of its rows (the unit of work a thread takes).

struct WeightMatrix: @unchecked Sendable {  // points into an immutable read-only mapping owned by the model's GGUFFile
    let type: GGMLType
    let rows: Int
    let columns: Int
    let rowBytes: Int
    let data: UnsafeRawPointer

    init(file: GGUFFile, name: String, columns: Int, rows: Int) throws {
        let tensor = try file.requireTensor(name, shape: rows == 1 ? [columns] : [columns, rows])
        type = tensor.type
        self.rows = rows
        self.columns = columns
        rowBytes = tensor.type.rowBytes(columns)!  // the parser checked divisibility
        data = file.bytes(of: tensor)
        if type.blockLength > 1 && columns % 32 != 0 {
            throw GGUFError(path: file.path, problem: .malformed("tensor '\(name)' width \(columns) is not a multiple of 32"))
        }
    }

    /// A matrix over raw bytes (kernel tests).
    init(type: GGMLType, rows: Int, columns: Int, data: UnsafeRawPointer) {
        self.type = type
        self.rows = rows
        self.columns = columns
        rowBytes = type.rowBytes(columns)!
        self.data = data
    }

    var isQuantized: Bool { type.blockLength > 1 }

    /// Row `i` converted to floats.
    func dequantizeRow(_ i: Int, into out: UnsafeMutablePointer<Float>) {
        let row = data + i * rowBytes
        switch type {
        case .f32: out.update(from: row.assumingMemoryBound(to: Float.self), count: columns)
        case .f16: for j in 0..<columns { out[j] = loadHalf(row, j * 2) }
        case .q8_0: KernelQ8_0.dequantize(row, count: columns, into: out)
        case .q4_0, .q4_1:
            let isQ4_1 = type == .q4_1
            let blockBytes = isQ4_1 ? 20 : 18
            for b in 0..<(columns / 32) {
                let block = row + b * blockBytes
                let d = loadHalf(block)
                let m: Float = isQ4_1 ? loadHalf(block, 2) : -8 * d
                let packed = block + (isQ4_1 ? 4 : 2)
                for j in 0..<16 {
                    let byte = packed.load(fromByteOffset: j, as: UInt8.self)
                    out[b * 32 + j] = d * Float(byte & 0xF) + m
                    out[b * 32 + j + 16] = d * Float(byte >> 4) + m
                }
            }
        }
    }

    /// out[r · outStride + n] = row n · input row r, for n in `outputs` and every input row.
    func multiply(_ input: MatmulInput, outputs: Range<Int>, into out: UnsafeMutablePointer<Float>, outStride: Int) {
        if isQuantized && !input.roundActivations {
            multiplyDequantized(input, outputs, out, outStride)
            return
        }
        switch type {
        case .q4_1:
            multiplyQuantized(input, outputs, out, outStride, KernelQ4<Q4_1Block>.dot, KernelQ4<Q4_1Block>.dot2,
                              KernelQ4<Q4_1Block>.dot4)
        case .q4_0:
            multiplyQuantized(input, outputs, out, outStride, KernelQ4<Q4_0Block>.dot, KernelQ4<Q4_0Block>.dot2,
                              KernelQ4<Q4_0Block>.dot4)
        case .q8_0: multiplyQuantized(input, outputs, out, outStride, KernelQ8_0.dot, KernelQ8_0.dot2, KernelQ8_0.dot4)
        case .f32: multiplyFloat(input, outputs, out, outStride, KernelFloat.dotF32)
        case .f16: multiplyFloat(input, outputs, out, outStride, KernelFloat.dotF16)
        }
    }

    @inline(__always)
    private func multiplyQuantized(
        _ input: MatmulInput, _ outputs: Range<Int>, _ out: UnsafeMutablePointer<Float>, _ outStride: Int,
        _ dot: (UnsafeRawPointer, ActivationRow, Int) -> Float,
        _ dot2: (UnsafeRawPointer, UnsafeRawPointer, ActivationRow, Int) -> SIMD2<Float>,
        _ dot4: (UnsafeRawPointer, ActivationRow, ActivationRow, ActivationRow, ActivationRow, Int) -> SIMD4<Float>
    ) {
        let x = input  // the rounded activations, row by row
        let blocks = columns / 32
        let rowCount = input.rows
        if rowCount == 1 {
            // Decoding one sequence: two weight rows per step share each activation block.
            let x0 = x.row(0)
            var n = outputs.lowerBound
            while n + 2 <= outputs.upperBound {
                let y = dot2(data + n * rowBytes, data + (n + 1) * rowBytes, x0, blocks)
                out[n] = y[0]
                out[n + 1] = y[1]
                n += 2
            }
            if n < outputs.upperBound { out[n] = dot(data + n * rowBytes, x0, blocks) }
            return
        }
        for n in outputs {
            let w = data + n * rowBytes
            var r = 0
            while r + 4 <= rowCount {
                let y = dot4(w, x.row(r), x.row(r + 1), x.row(r + 2), x.row(r + 3), blocks)
                out[r * outStride + n] = y[0]
                out[(r + 1) * outStride + n] = y[1]
                out[(r + 2) * outStride + n] = y[2]
                out[(r + 3) * outStride + n] = y[3]
                r += 4
            }
            if rowCount - r >= 2 {
                // Two or three rows left: one 4-row pass with the last row repeated costs about two single rows.
                let last = rowCount - 1
                let y = dot4(w, x.row(r), x.row(r + 1), x.row(min(r + 2, last)), x.row(last), blocks)
                for i in 0..<(rowCount - r) { out[(r + i) * outStride + n] = y[i] }
            } else if r < rowCount {
                out[r * outStride + n] = dot(w, x.row(r), blocks)
            }
        }
    }

    /// Reference path: each weight row expanded to floats, then float dot products (no activation rounding).
    private func multiplyDequantized(_ input: MatmulInput, _ outputs: Range<Int>, _ out: UnsafeMutablePointer<Float>,
                                     _ outStride: Int) {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: columns) { buffer in
            let row = buffer.baseAddress!
            for n in outputs {
                dequantizeRow(n, into: row)
                for r in 0..<input.rows {
                    out[r * outStride + n] = KernelFloat.dotF32(UnsafeRawPointer(row), input.floats + r * columns,
                                                                count: columns)
                }
            }
        }
    }

    @inline(__always)
    private func multiplyFloat(
        _ input: MatmulInput, _ outputs: Range<Int>, _ out: UnsafeMutablePointer<Float>, _ outStride: Int,
        _ dot: (UnsafeRawPointer, UnsafePointer<Float>, Int) -> Float
    ) {
        for n in outputs {
            let w = data + n * rowBytes
            for r in 0..<input.rows {
                out[r * outStride + n] = dot(w, input.floats + r * columns, columns)
            }
        }
    }
}

/// The activation rows a matmul reads: floats (row stride = width), and their 8-bit rounding for quantized weights
/// (used unless `roundActivations` is false, the slower float reference path). Plain pointers, so handing it to
/// every chunk of a parallel matmul costs no reference counting.
struct MatmulInput {
    let floats: UnsafePointer<Float>
    let rows: Int
    let roundActivations: Bool
    private let values: UnsafePointer<Int16>
    private let scales: UnsafePointer<Float>
    private let scaledSums: UnsafePointer<Float>
    private let width: Int
    private let blocksPerRow: Int

    init(floats: UnsafePointer<Float>, rows: Int, quantized: QuantizedActivations, roundActivations: Bool) {
        self.floats = floats
        self.rows = rows
        self.roundActivations = roundActivations
        values = UnsafePointer(quantized.values)
        scales = UnsafePointer(quantized.scales)
        scaledSums = UnsafePointer(quantized.scaledSums)
        width = quantized.width
        blocksPerRow = quantized.blocksPerRow
    }

    @inline(__always)
    func row(_ r: Int) -> ActivationRow {
        ActivationRow(values: values + r * width, scales: scales + r * blocksPerRow, scaledSums: scaledSums + r * blocksPerRow)
    }
}
