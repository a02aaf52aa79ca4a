// A weight tensor in the file mapping, seen as a matrix of `rows` output features × `columns` input features,
// and its rows as floats. The product with activation rows (`multiply`) lives with the kernels in MatmulKernels.swift.

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
        case .bf16: for j in 0..<columns { out[j] = loadBrainFloat(row, j * 2) }
        case .q8_0: KernelQ8_0.dequantize(row, count: columns, into: out)
        case .q5_0, .q5_1, .q4_K, .q5_K, .q6_K: dequantizeSlices(row, into: out)
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
}
