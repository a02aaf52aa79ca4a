// Activation rows rounded to 8 bits in blocks of 32, as llama.cpp does before a quantized matmul (its Q8_1 format):
// each block keeps values q, a scale d = max|x| / 127 and the scaled sum d·Σq (the Q4 kernels' offset term needs it).
// Quantizing once per matmul lets every weight row use integer dot products against the same activations.
//
// The values are stored widened to Int16 and de-interleaved so the kernels need no shuffles: block element j lands in
//   lanes 0..7: j = 0,2,..,14   lanes 8..15: j = 1,3,..,15   lanes 16..23: j = 16,18,..,30   lanes 24..31: j = 17,19,..,31
// which is the order in which even/odd bytes (and low/high nibbles) fall out of a packed weight block read as 16-bit lanes.
// The native kernels (NativeKernels.swift) read the same values as bytes in element order (`bytes`).

final class QuantizedActivations {
    let capacityRows: Int
    let width: Int
    let blocksPerRow: Int
    let values: UnsafeMutablePointer<Int16>
    let bytes: UnsafeMutablePointer<Int8>
    let scales: UnsafeMutablePointer<Float>
    let scaledSums: UnsafeMutablePointer<Float>

    init(rows: Int, width: Int) {
        precondition(width % 32 == 0, "activation width must be a multiple of 32")
        capacityRows = max(rows, 1)
        self.width = width
        blocksPerRow = width / 32
        values = .allocate(capacity: capacityRows * width)
        bytes = .allocate(capacity: capacityRows * width)
        scales = .allocate(capacity: capacityRows * blocksPerRow)
        scaledSums = .allocate(capacity: capacityRows * blocksPerRow)
    }

    deinit {
        values.deallocate()
        bytes.deallocate()
        scales.deallocate()
        scaledSums.deallocate()
    }

    /// Quantizes `rows` rows of `width` floats (row stride `width`). At a native kernel level only the bytes (with
    /// scales and scaled sums) are written, by CKernels: the native kernels read nothing else.
    func quantize(_ x: UnsafePointer<Float>, rows: Int, kernels: MatmulKernelLevel = .portable) {
        precondition(rows <= capacityRows)
        if kernels >= .avx2 {
            NativeQuantize.blocks(x, count: rows * blocksPerRow, bytes: bytes, scales: scales, scaledSums: scaledSums)
            return
        }
        for block in 0..<(rows * blocksPerRow) {
            Self.quantizeBlock(x + block * 32, values + block * 32, bytes + block * 32, scales + block, scaledSums + block)
        }
    }

    func row(_ r: Int) -> ActivationRow {
        ActivationRow(values: values + r * width, scales: scales + r * blocksPerRow, scaledSums: scaledSums + r * blocksPerRow)
    }

    /// Where block element `j` is stored (see the layout above).
    @inline(__always)
    static func lane(of j: Int) -> Int {
        (j / 16) * 16 + (j % 2) * 8 + (j % 16) / 2
    }

    @inline(__always)
    static func quantizeBlock(_ x: UnsafePointer<Float>, _ q: UnsafeMutablePointer<Int16>, _ q8: UnsafeMutablePointer<Int8>,
                              _ scale: UnsafeMutablePointer<Float>, _ scaledSum: UnsafeMutablePointer<Float>) {
        var amax: Float = 0
        for j in 0..<32 { amax = max(amax, abs(x[j])) }
        let d = amax / 127
        let inverse: Float = d > 0 ? 1 / d : 0
        // Round to nearest (ties to even) by adding and removing 1.5·2^23; |x·inverse| ≤ 127 is far inside its range.
        let magic: Float = 0x1.8p23
        var total: Int32 = 0
        for j in 0..<32 {
            let v = Int32((x[j] * inverse + magic) - magic)
            q[lane(of: j)] = Int16(truncatingIfNeeded: v)
            q8[j] = Int8(truncatingIfNeeded: v)
            total &+= v
        }
        scale.pointee = d
        scaledSum.pointee = d * Float(total)
    }
}
