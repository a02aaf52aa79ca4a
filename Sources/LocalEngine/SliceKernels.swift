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

// Byte-lane arithmetic is done on 64-bit words (shift, mask, or, add without carries between bytes): Swift's SIMD
// operators on byte lanes (shifts, multiplications, even `|`) run lane by lane through memory (profiled: most of a
// Q5_0/Q4_K/Q6_K matmul's time), while the same on four words stays in registers.

/// 32 byte lanes as four little-endian words.
typealias ByteWords = SIMD4<UInt64>

private let everyByte: UInt64 = 0x0101_0101_0101_0101

@inline(__always)
private func load32(_ p: UnsafeRawPointer, _ offset: Int) -> ByteWords {
    p.loadUnaligned(fromByteOffset: offset, as: ByteWords.self)
}

/// Bits `shift ..< shift + width` of every byte, moved `up` bits higher (the result must fit in a byte).
@inline(__always)
private func bitField(_ lanes: ByteWords, shift: Int, width: Int, up: Int = 0) -> ByteWords {
    ((lanes &>> UInt64(shift)) & (UInt64((1 << width) - 1) &* everyByte)) &<< UInt64(up)
}

/// q − bias in every byte, as two's complement, for q + (128 − bias) < 256: the add carries into no other byte,
/// and adding 128 is flipping the top bit.
@inline(__always)
private func signedLanes(_ q: ByteWords, minus bias: UInt8) -> SIMD32<Int8> {
    unsafeBitCast((q &+ UInt64(128 - bias) &* everyByte) ^ (0x80 &* everyByte), to: SIMD32<Int8>.self)
}

/// The 16 packed bytes' low nibbles (weights 0…15), then their high nibbles (16…31).
@inline(__always)
private func nibbles(_ p: UnsafeRawPointer, _ offset: Int) -> ByteWords {
    let packed = p.loadUnaligned(fromByteOffset: offset, as: SIMD2<UInt64>.self)
    let low = packed & (0xF &* everyByte), high = (packed &>> 4) & (0xF &* everyByte)
    return ByteWords(low[0], low[1], high[0], high[1])
}

/// 16 in lane j where bit j of `bits` is set, else 0: each byte of `bits` copied to eight lanes, each keeping its
/// own bit, which then sets the lane's top bit (by adding 0x7F) and is moved down to 16.
@inline(__always)
private func fifthBitLanes(_ bits: UInt32) -> ByteWords {
    func spread(_ byte: UInt32) -> UInt64 {
        let picked = (UInt64(byte & 0xFF) &* everyByte) & 0x8040_2010_0804_0201
        return ((picked &+ 0x7F &* everyByte) & (0x80 &* everyByte)) &>> 3
    }
    return ByteWords(spread(bits), spread(bits &>> 8), spread(bits &>> 16), spread(bits &>> 24))
}

enum Q5_0Slices: SliceFormat {
    static var blockBytes: Int { 22 }
    static var slicesPerBlock: Int { 1 }
    @inline(__always)
    static func slice(_ block: UnsafeRawPointer, _ index: Int) -> WeightSlice {
        let d = loadHalf(block)
        let q = nibbles(block, 6)
            | fifthBitLanes(UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 2, as: UInt32.self)))
        return WeightSlice(q: signedLanes(q, minus: 16), scales: SIMD2(repeating: d), offset: 0)
    }
}

enum Q5_1Slices: SliceFormat {
    static var blockBytes: Int { 24 }
    static var slicesPerBlock: Int { 1 }
    @inline(__always)
    static func slice(_ block: UnsafeRawPointer, _ index: Int) -> WeightSlice {
        let q = nibbles(block, 8)
            | fifthBitLanes(UInt32(littleEndian: block.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
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
private func kSlice(_ block: UnsafeRawPointer, _ index: Int, qsOffset: Int, fifthBits: ByteWords) -> WeightSlice {
    let (scale, min) = packedScaleAndMin(block + 4, index)
    let q = bitField(load32(block, qsOffset + 32 * (index / 2)), shift: 4 * (index % 2), width: 4) | fifthBits
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
        kSlice(block, index, qsOffset: 48, fifthBits: bitField(load32(block, 16), shift: index, width: 1, up: 4))
    }
}

enum Q6_KSlices: SliceFormat {
    static var blockBytes: Int { 210 }
    static var slicesPerBlock: Int { 8 }
    @inline(__always)
    static func slice(_ block: UnsafeRawPointer, _ index: Int) -> WeightSlice {
        let half = index / 4, k = index % 4
        let low = load32(block, 64 * half + 32 * (k % 2)), high = load32(block, 128 + 32 * half)
        let q = bitField(low, shift: 4 * (k / 2), width: 4) | bitField(high, shift: 2 * k, width: 2, up: 4)
        let d = loadHalf(block, 208)
        let scale = 192 + 8 * half + 2 * k
        let scales = SIMD2(Float(block.load(fromByteOffset: scale, as: Int8.self)),
                           Float(block.load(fromByteOffset: scale + 1, as: Int8.self))) * d
        return WeightSlice(q: signedLanes(q, minus: 32), scales: scales, offset: 0)
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
