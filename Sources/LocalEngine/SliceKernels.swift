// The formats read 32 weights at a time as small integers — a "slice" — with a scale per 16 weights and an offset:
//   w[j] = scales[j / 16] · q[j] + offset          (Q5_0, Q5_1, Q4_K, Q5_K, Q6_K)
// One decoder per format serves both dequantization and the matmul, whose sum per slice against 8-bit activations
// x = d_x·q_x is   d_x·(scales[0]·Σ_{j<16} q·q_x + scales[1]·Σ_{j≥16} q·q_x) + offset·(d_x·Σq_x).
// Kept in one file with its kernel so that the generic code is specialised in every build (see MatmulKernels.swift).
//
// Layouts (ggml's; d, m, dmin are f16):
//   Q5_0  d, qh: u32 fifth bits, qs[16]                    q = (nibble | bit << 4) − 16, scale d
//   Q5_1  d, m, qh: u32, qs[16]                            q = nibble | bit << 4, scale d, offset m
//   Q4_K  d, dmin, scales[12], qs[128]; 8 sub-blocks of 32 with 6-bit (scale, min) pairs:
//         slice s uses the low (s even) or high (s odd) nibbles of qs[32·(s/2) ..< +32]; scale d·sc, offset −dmin·mn
//   Q5_K  d, dmin, scales[12], qh[32], qs[128]; as Q4_K, plus bit s of qh[j] as the fifth bit
//   Q6_K  ql[128], qh[64], scales: int8[16], d; half h = s/4, k = s%4: low bits from ql[64h + 32(k%2) ..< +32]
//         (high nibbles when k ≥ 2), bits 2k, 2k+1 of qh[32h ..< +32] on top; q − 32; scales d·sc[8h+2k], d·sc[8h+2k+1]

struct WeightSlice {
    var q: SIMD32<Int8>
    var scales: SIMD2<Float>
    var offset: Float
}

protocol SliceFormat {
    static var blockBytes: Int { get }
    static var slicesPerBlock: Int { get }
    /// Slice `index` (0..<slicesPerBlock) of the block at `block`.
    static func slice(_ block: UnsafeRawPointer, _ index: Int) -> WeightSlice
}

@inline(__always)
private func nibbles(_ bytes: SIMD16<UInt8>) -> SIMD32<UInt8> {
    SIMD32(lowHalf: bytes & 0xF, highHalf: bytes &>> 4)
}

/// Bit `j` of `bits` as lane j (0 or 1).
@inline(__always)
private func bitLanes(_ bits: UInt32) -> SIMD32<UInt8> {
    var lanes = SIMD32<UInt8>()
    withUnsafeMutableBytes(of: &lanes) { p in
        for j in 0..<32 { p[j] = UInt8(truncatingIfNeeded: (bits &>> UInt32(j)) & 1) }
    }
    return lanes
}

enum Q5_0Slices: SliceFormat {
    static var blockBytes: Int { 22 }
    static var slicesPerBlock: Int { 1 }
    @inline(__always)
    static func slice(_ block: UnsafeRawPointer, _ index: Int) -> WeightSlice {
        let d = loadHalf(block)
        let q = nibbles(block.loadUnaligned(fromByteOffset: 6, as: SIMD16<UInt8>.self))
            | (bitLanes(UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 2, as: UInt32.self))) &<< 4)
        return WeightSlice(q: unsafeBitCast(q, to: SIMD32<Int8>.self) &- 16, scales: SIMD2(repeating: d), offset: 0)
    }
}

enum Q5_1Slices: SliceFormat {
    static var blockBytes: Int { 24 }
    static var slicesPerBlock: Int { 1 }
    @inline(__always)
    static func slice(_ block: UnsafeRawPointer, _ index: Int) -> WeightSlice {
        let q = nibbles(block.loadUnaligned(fromByteOffset: 8, as: SIMD16<UInt8>.self))
            | (bitLanes(UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 4, as: UInt32.self))) &<< 4)
        return WeightSlice(q: unsafeBitCast(q, to: SIMD32<Int8>.self), scales: SIMD2(repeating: loadHalf(block)),
                           offset: loadHalf(block, 2))
    }
}

/// Sub-block `j`'s 6-bit scale and min in the 12 packed bytes of Q4_K and Q5_K.
@inline(__always)
private func packedScaleAndMin(_ scales: UnsafeRawPointer, _ j: Int) -> (scale: Float, min: Float) {
    func byte(_ i: Int) -> UInt8 { scales.load(fromByteOffset: i, as: UInt8.self) }
    if j < 4 { return (Float(byte(j) & 63), Float(byte(j + 4) & 63)) }
    let scale = (byte(j + 4) & 0xF) | ((byte(j - 4) >> 6) << 4)
    let min = (byte(j + 4) >> 4) | ((byte(j) >> 6) << 4)
    return (Float(scale), Float(min))
}

/// Q4_K / Q5_K slice `index`: the 4 low bits from the 128 bytes at `block + qsOffset`, `fifthBits` (0 or 16 per
/// lane) on top, the sub-block's scale and min.
@inline(__always)
private func kSlice(_ block: UnsafeRawPointer, _ index: Int, qsOffset: Int, fifthBits: SIMD32<UInt8>) -> WeightSlice {
    let (scale, min) = packedScaleAndMin(block + 4, index)
    let bytes = block.loadUnaligned(fromByteOffset: qsOffset + 32 * (index / 2), as: SIMD32<UInt8>.self)
    let q = (index % 2 == 0 ? bytes & 0xF : bytes &>> 4) | fifthBits
    return WeightSlice(q: unsafeBitCast(q, to: SIMD32<Int8>.self), scales: SIMD2(repeating: loadHalf(block) * scale),
                       offset: -loadHalf(block, 2) * min)
}

enum Q4_KSlices: SliceFormat {
    static var blockBytes: Int { 144 }
    static var slicesPerBlock: Int { 8 }
    @inline(__always)
    static func slice(_ block: UnsafeRawPointer, _ index: Int) -> WeightSlice {
        kSlice(block, index, qsOffset: 16, fifthBits: .zero)
    }
}

enum Q5_KSlices: SliceFormat {
    static var blockBytes: Int { 176 }
    static var slicesPerBlock: Int { 8 }
    @inline(__always)
    static func slice(_ block: UnsafeRawPointer, _ index: Int) -> WeightSlice {
        let high = (block.loadUnaligned(fromByteOffset: 16, as: SIMD32<UInt8>.self) &>> UInt8(index)) & 1
        return kSlice(block, index, qsOffset: 48, fifthBits: high &<< 4)
    }
}

enum Q6_KSlices: SliceFormat {
    static var blockBytes: Int { 210 }
    static var slicesPerBlock: Int { 8 }
    @inline(__always)
    static func slice(_ block: UnsafeRawPointer, _ index: Int) -> WeightSlice {
        let half = index / 4, k = index % 4
        let low = block.loadUnaligned(fromByteOffset: 64 * half + 32 * (k % 2), as: SIMD32<UInt8>.self)
        let high = block.loadUnaligned(fromByteOffset: 128 + 32 * half, as: SIMD32<UInt8>.self)
        let q = (k < 2 ? low & 0xF : low &>> 4) | (((high &>> UInt8(2 * k)) & 3) &<< 4)
        let d = loadHalf(block, 208)
        let scale = 192 + 8 * half + 2 * k
        let scales = SIMD2(Float(block.load(fromByteOffset: scale, as: Int8.self)),
                           Float(block.load(fromByteOffset: scale + 1, as: Int8.self))) * d
        return WeightSlice(q: unsafeBitCast(q, to: SIMD32<Int8>.self) &- 32, scales: scales, offset: 0)
    }
}

enum SliceKernel<Format: SliceFormat> {
    /// Weight slice `s` of the row at `row` (slices counted along the row).
    @inline(__always)
    static func slice(_ row: UnsafeRawPointer, _ s: Int) -> WeightSlice {
        Format.slice(row + (s / Format.slicesPerBlock) * Format.blockBytes, s % Format.slicesPerBlock)
    }

    static func dequantize(_ row: UnsafeRawPointer, count: Int, into out: UnsafeMutablePointer<Float>) {
        for s in 0..<(count / 32) {
            let w = slice(row, s)
            for j in 0..<32 { out[s * 32 + j] = w.scales[j / 16] * Float(w.q[j]) + w.offset }
        }
    }

    /// Σ over the slice of weight · activation, with the activation block `b` of `x` (bytes in element order).
    @inline(__always)
    static func dot(_ w: WeightSlice, _ x: UnsafePointer<Int8>, scale: Float, scaledSum: Float) -> Float {
        // Plain loops on concrete lanes: the generic SIMD widening conversions are not vectorised here.
        var low: Int32 = 0, high: Int32 = 0
        for j in 0..<16 { low &+= Int32(w.q[j]) &* Int32(x[j]) }
        for j in 16..<32 { high &+= Int32(w.q[j]) &* Int32(x[j]) }
        return scale * (w.scales[0] * Float(low) + w.scales[1] * Float(high)) + w.offset * scaledSum
    }

    /// out[r · outStride + n] = row n · input row r: each weight slice is decoded once for all input rows.
    static func multiply(_ m: WeightMatrix, _ input: MatmulInput, _ outputs: Range<Int>,
                         _ out: UnsafeMutablePointer<Float>, _ outStride: Int) {
        let slices = m.columns / 32
        withUnsafeTemporaryAllocation(of: Float.self, capacity: input.rows) { sums in
            for n in outputs {
                let row = m.data + n * m.rowBytes
                sums.initialize(repeating: 0)
                for s in 0..<slices {
                    let w = slice(row, s)
                    for r in 0..<input.rows {
                        let block = r * input.blocksPerRow + s
                        sums[r] += dot(w, input.bytes + block * 32, scale: input.scales[block],
                                       scaledSum: input.scaledSums[block])
                    }
                }
                for r in 0..<input.rows { out[r * outStride + n] = sums[r] }
            }
        }
    }
}

// The entry points for the other files. They live here so that every format's kernel is specialised: a generic
// called from another file is not (outside whole-module builds) and would run through witness tables, ~50x slower.
extension WeightMatrix {
    func multiplySlices(_ input: MatmulInput, _ outputs: Range<Int>, _ out: UnsafeMutablePointer<Float>,
                        _ outStride: Int) {
        switch type {
        case .q5_0: SliceKernel<Q5_0Slices>.multiply(self, input, outputs, out, outStride)
        case .q5_1: SliceKernel<Q5_1Slices>.multiply(self, input, outputs, out, outStride)
        case .q4_K: SliceKernel<Q4_KSlices>.multiply(self, input, outputs, out, outStride)
        case .q5_K: SliceKernel<Q5_KSlices>.multiply(self, input, outputs, out, outStride)
        case .q6_K: SliceKernel<Q6_KSlices>.multiply(self, input, outputs, out, outStride)
        default: preconditionFailure("\(type) is not read in slices")
        }
    }

    func dequantizeSlices(_ row: UnsafeRawPointer, into out: UnsafeMutablePointer<Float>) {
        switch type {
        case .q5_0: SliceKernel<Q5_0Slices>.dequantize(row, count: columns, into: out)
        case .q5_1: SliceKernel<Q5_1Slices>.dequantize(row, count: columns, into: out)
        case .q4_K: SliceKernel<Q4_KSlices>.dequantize(row, count: columns, into: out)
        case .q5_K: SliceKernel<Q5_KSlices>.dequantize(row, count: columns, into: out)
        case .q6_K: SliceKernel<Q6_KSlices>.dequantize(row, count: columns, into: out)
        default: preconditionFailure("\(type) is not read in slices")
        }
    }
}
