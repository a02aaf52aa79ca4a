// The quantized matrix × activations kernels, in ONE file on purpose: debug builds compile file by file, and a
// generic kernel or an `@inline(__always)` helper defined in another file is then neither specialised nor inlined
// (the hot loop becomes calls through witness tables — half the speed). Kept together, every build of the engine
// (debug included: `make run`, `swift test`) runs the same code as a release build.
//
// Contents: half floats · 16→32-bit lane sums · activation rows · Q4_0/Q4_1, Q8_0 and float kernels ·
// WeightMatrix.multiply, which picks the kernel for a tensor type and a number of activation rows (the formats
// decoded 32 weights at a time, Q5_0/Q5_1 and the K-quants, have their own file: SliceKernels.swift).

// MARK: - Half floats

// IEEE half-precision to single conversion by bit arithmetic. Without F16C in the build's CPU target, `Float(Float16)`
// becomes a library call; this is a handful of integer ops and exact for every finite half (normals and subnormals:
// shifting the exponent-mantissa field into float position and scaling by 2^112 rebiases the exponent).
// Infinities and NaNs come out as large finite values, which quantization scales never are.

@inline(__always)
func halfToFloat(_ bits: UInt16) -> Float {
    // Sign-extending puts the sign in bit 31 (and copies in 28...30, masked off); the multiply keeps the sign.
    let shifted = UInt32(bitPattern: Int32(Int16(bitPattern: bits)) << 13) & 0x8FFF_E000
    return Float(bitPattern: shifted) * 0x1p112
}

@inline(__always)
func loadHalf(_ p: UnsafeRawPointer, _ offset: Int = 0) -> Float {
    halfToFloat(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self)))
}

/// A bfloat16 (the top half of an f32) at byte `offset`.
@inline(__always)
func loadBrainFloat(_ p: UnsafeRawPointer, _ offset: Int = 0) -> Float {
    Float(bitPattern: UInt32(UInt16(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self))) << 16)
}

/// Four halves at once (same arithmetic as `halfToFloat`).
@inline(__always)
func halvesToFloats(_ bits: SIMD4<Int16>) -> SIMD4<Float> {
    let shifted = (SIMD4<Int32>(truncatingIfNeeded: bits) &<< 13) & SIMD4(repeating: Int32(bitPattern: 0x8FFF_E000))
    return unsafeBitCast(shifted, to: SIMD4<Float>.self) * 0x1p112
}

// MARK: - Lane sums

// Widening 16-bit lane sums to 32 bits, the step between the kernels' integer products and their float accumulators.
//
// LLVM is particular here (baseline x86-64, SSE2): `pmaddwd` by a vector of ones does it in one instruction, but
// given constant ones LLVM rewrites it as four shifts and adds, and in some contexts (Q8_0) it lowers the same
// pattern into 32-bit multiplies instead. So the Q4 kernels use `pairSumsByMultiply` with ones read from a variable
// LLVM cannot fold, and Q8_0 uses `pairSums`. (Both checked in the generated assembly; KernelTests checks results.)

/// Sums of adjacent lane pairs, widened to 32 bits.
@inline(__always)
func pairSums(_ a: SIMD8<Int16>) -> SIMD4<Int32> {
    let v = unsafeBitCast(a, to: SIMD4<Int32>.self)
    return ((v &<< 16) &>> 16) &+ (v &>> 16)
}

/// Sums of adjacent lane pairs, widened to 32 bits, as one `pmaddwd` with `ones` (pass `opaqueOnes`).
@inline(__always)
func pairSumsByMultiply(_ a: SIMD8<Int16>, ones: SIMD8<Int16>) -> SIMD4<Int32> {
    SIMD4<Int32>(truncatingIfNeeded: a.evenHalf) &* SIMD4<Int32>(truncatingIfNeeded: ones.evenHalf)
        &+ SIMD4<Int32>(truncatingIfNeeded: a.oddHalf) &* SIMD4<Int32>(truncatingIfNeeded: ones.oddHalf)
}

/// All ones, in a variable so that LLVM cannot constant-fold `pairSumsByMultiply`.
nonisolated(unsafe) var opaqueOnes = SIMD8<Int16>(repeating: 1)

// MARK: - Activation rows

/// One quantized activation row: values in kernel layout, and per-block scale and scaled sum.
struct ActivationRow {
    let values: UnsafePointer<Int16>
    let scales: UnsafePointer<Float>
    let scaledSums: UnsafePointer<Float>

    /// The four 8-lane groups of block `b` (even/odd elements of its first and second halves).
    @inline(__always)
    func block(_ b: Int) -> (SIMD8<Int16>, SIMD8<Int16>, SIMD8<Int16>, SIMD8<Int16>) {
        let p = UnsafeRawPointer(values + b * 32)
        return (p.loadUnaligned(as: SIMD8<Int16>.self), p.loadUnaligned(fromByteOffset: 16, as: SIMD8<Int16>.self),
                p.loadUnaligned(fromByteOffset: 32, as: SIMD8<Int16>.self), p.loadUnaligned(fromByteOffset: 48, as: SIMD8<Int16>.self))
    }
}

/// The activation rows a matmul reads: floats (row stride = width), and their 8-bit rounding for quantized weights
/// (used unless `roundActivations` is false, the slower float reference path). Plain pointers, so handing it to
/// every chunk of a parallel matmul costs no reference counting.
struct MatmulInput {
    let floats: UnsafePointer<Float>
    let rows: Int
    let roundActivations: Bool
    /// Which implementation multiplies quantized weights with the rounded activations.
    let kernels: MatmulKernelLevel
    let values: UnsafePointer<Int16>
    /// The rounded activations as bytes in element order (the native kernels' layout).
    let bytes: UnsafePointer<Int8>
    let scales: UnsafePointer<Float>
    let scaledSums: UnsafePointer<Float>
    let width: Int
    let blocksPerRow: Int

    init(floats: UnsafePointer<Float>, rows: Int, quantized: QuantizedActivations, roundActivations: Bool,
         kernels: MatmulKernelLevel = .portable) {
        self.floats = floats
        self.rows = rows
        self.roundActivations = roundActivations
        self.kernels = kernels
        values = UnsafePointer(quantized.values)
        bytes = UnsafePointer(quantized.bytes)
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

// MARK: - Q4_0 / Q4_1

// Q4_0 / Q4_1 weight row · quantized activation row(s).
// A block of 32 weights is 16 packed bytes: byte j holds weight j (low nibble n) and weight j+16 (high nibble).
//   Q4_1: w = d·n + m          Q4_0: w = d·(n − 8), i.e. the same with m = −8d
// With activations x = d_x·q:  Σ w·x = d·d_x·Σ n·q + m·(d_x·Σq)  — an integer dot product plus a precomputed sum.
// Read as eight 16-bit lanes, the packed bytes give the nibbles in the activation layout (QuantizedActivations) with
// one shift and mask each.

protocol Q4BlockFormat {
    static var blockBytes: Int { get }
    static var packedOffset: Int { get }
    static func scaleAndOffset(_ block: UnsafeRawPointer) -> (d: Float, m: Float)
    /// [d0, m0, d1, m1] of two blocks, converted in one vector.
    static func scalesAndOffsets(_ block0: UnsafeRawPointer, _ block1: UnsafeRawPointer) -> SIMD4<Float>
}

enum Q4_0Block: Q4BlockFormat {
    static var blockBytes: Int { 18 }
    static var packedOffset: Int { 2 }
    @inline(__always)
    static func scaleAndOffset(_ block: UnsafeRawPointer) -> (d: Float, m: Float) {
        let d = loadHalf(block)
        return (d, -8 * d)
    }
    @inline(__always)
    static func scalesAndOffsets(_ block0: UnsafeRawPointer, _ block1: UnsafeRawPointer) -> SIMD4<Float> {
        let d = halvesToFloats(SIMD4(block0.loadUnaligned(as: Int16.self), 0, block1.loadUnaligned(as: Int16.self), 0))
        return SIMD4(d[0], -8 * d[0], d[2], -8 * d[2])
    }
}

enum Q4_1Block: Q4BlockFormat {
    static var blockBytes: Int { 20 }
    static var packedOffset: Int { 4 }
    @inline(__always)
    static func scaleAndOffset(_ block: UnsafeRawPointer) -> (d: Float, m: Float) {
        (loadHalf(block), loadHalf(block, 2))
    }
    @inline(__always)
    static func scalesAndOffsets(_ block0: UnsafeRawPointer, _ block1: UnsafeRawPointer) -> SIMD4<Float> {
        let pair = SIMD2(block0.loadUnaligned(as: UInt32.self), block1.loadUnaligned(as: UInt32.self))
        return halvesToFloats(unsafeBitCast(pair, to: SIMD4<Int16>.self))
    }
}

enum KernelQ4<Format: Q4BlockFormat> {
    typealias Nibbles = (SIMD8<Int16>, SIMD8<Int16>, SIMD8<Int16>, SIMD8<Int16>)

    @inline(__always)
    static func nibbles(_ block: UnsafeRawPointer) -> Nibbles {
        let w = block.loadUnaligned(fromByteOffset: Format.packedOffset, as: SIMD8<Int16>.self)
        return (w & 0xF, (w &>> 8) & 0xF, (w &>> 4) & 0xF, (w &>> 12) & 0xF)
    }

    @inline(__always)
    static func integerDot(_ n: Nibbles, _ x: ActivationRow, _ b: Int) -> SIMD4<Float> {
        let q = x.block(b)
        // n·q ≤ 15·127, so four products per lane still fit Int16; widen once, summing lane pairs.
        let p = n.0 &* q.0 &+ n.1 &* q.1 &+ n.2 &* q.2 &+ n.3 &* q.3
        return SIMD4<Float>(pairSumsByMultiply(p, ones: opaqueOnes))
    }

    /// One weight row (`blocks` blocks) · one activation row.
    @inline(__always)
    static func dot(_ w: UnsafeRawPointer, _ x: ActivationRow, blocks: Int) -> Float {
        var acc = SIMD4<Float>()
        var offsetTerm: Float = 0
        for b in 0..<blocks {
            let block = w + b * Format.blockBytes
            let (d, m) = Format.scaleAndOffset(block)
            acc += integerDot(nibbles(block), x, b) * (d * x.scales[b])
            offsetTerm += m * x.scaledSums[b]
        }
        return acc.sum() + offsetTerm
    }

    /// Two weight rows · one activation row (decoding: the activation block is loaded once for both rows).
    @inline(__always)
    static func dot2(_ w0: UnsafeRawPointer, _ w1: UnsafeRawPointer, _ x: ActivationRow, blocks: Int) -> SIMD2<Float> {
        var a0 = SIMD4<Float>(), a1 = SIMD4<Float>()
        var offsetTerms = SIMD4<Float>()
        for b in 0..<blocks {
            let block0 = w0 + b * Format.blockBytes, block1 = w1 + b * Format.blockBytes
            // Both rows' (d, m) converted together: [d0·xs, m0·xsum, d1·xs, m1·xsum].
            let scaled = Format.scalesAndOffsets(block0, block1)
                * SIMD4(x.scales[b], x.scaledSums[b], x.scales[b], x.scaledSums[b])
            let q = x.block(b)
            let n0 = nibbles(block0), n1 = nibbles(block1)
            let p0 = n0.0 &* q.0 &+ n0.1 &* q.1 &+ n0.2 &* q.2 &+ n0.3 &* q.3
            let p1 = n1.0 &* q.0 &+ n1.1 &* q.1 &+ n1.2 &* q.2 &+ n1.3 &* q.3
            a0 += SIMD4<Float>(pairSumsByMultiply(p0, ones: opaqueOnes)) * scaled[0]
            a1 += SIMD4<Float>(pairSumsByMultiply(p1, ones: opaqueOnes)) * scaled[2]
            offsetTerms += scaled
        }
        return SIMD2(a0.sum() + offsetTerms[1], a1.sum() + offsetTerms[3])
    }

    /// One weight row · four activation rows, unpacking each weight block once.
    @inline(__always)
    static func dot4(_ w: UnsafeRawPointer, _ x0: ActivationRow, _ x1: ActivationRow, _ x2: ActivationRow,
                     _ x3: ActivationRow, blocks: Int) -> SIMD4<Float> {
        var a0 = SIMD4<Float>(), a1 = SIMD4<Float>(), a2 = SIMD4<Float>(), a3 = SIMD4<Float>()
        var offsetTerm = SIMD4<Float>()
        for b in 0..<blocks {
            let block = w + b * Format.blockBytes
            let (d, m) = Format.scaleAndOffset(block)
            let n = nibbles(block)
            a0 += integerDot(n, x0, b) * (d * x0.scales[b])
            a1 += integerDot(n, x1, b) * (d * x1.scales[b])
            a2 += integerDot(n, x2, b) * (d * x2.scales[b])
            a3 += integerDot(n, x3, b) * (d * x3.scales[b])
            offsetTerm += m * SIMD4(x0.scaledSums[b], x1.scaledSums[b], x2.scaledSums[b], x3.scaledSums[b])
        }
        return SIMD4(a0.sum(), a1.sum(), a2.sum(), a3.sum()) + offsetTerm
    }
}

// MARK: - Q8_0

// Q8_0 weight row · quantized activation row(s). A block is an f16 scale d and 32 int8 weights: w = d·q_w.
// Read as 16-bit lanes, the int8 pairs give even elements by sign-extending the low byte (shift left then
// arithmetic shift right) and odd elements by an arithmetic shift — the activation layout of QuantizedActivations.
// Products are summed in 16 bits, two at a time, then widened to 32-bit lanes.

enum KernelQ8_0 {
    static let blockBytes = 34
    typealias Weights = (SIMD8<Int16>, SIMD8<Int16>, SIMD8<Int16>, SIMD8<Int16>)

    @inline(__always)
    static func weights(_ block: UnsafeRawPointer) -> Weights {
        let a = block.loadUnaligned(fromByteOffset: 2, as: SIMD8<Int16>.self)
        let b = block.loadUnaligned(fromByteOffset: 18, as: SIMD8<Int16>.self)
        return ((a &<< 8) &>> 8, a &>> 8, (b &<< 8) &>> 8, b &>> 8)
    }

    @inline(__always)
    static func integerDot(_ w: Weights, _ x: ActivationRow, _ b: Int) -> SIMD4<Float> {
        integerDot(w, x.block(b), b)
    }

    @inline(__always)
    static func integerDot(_ w: Weights, _ q: Weights, _ b: Int) -> SIMD4<Float> {
        // Two products fit Int16 (2·128·127 < 32768): sum pairs in 16 bits, then widen.
        return SIMD4<Float>(pairSums(w.0 &* q.0 &+ w.1 &* q.1) &+ pairSums(w.2 &* q.2 &+ w.3 &* q.3))
    }

    @inline(__always)
    static func dot(_ w: UnsafeRawPointer, _ x: ActivationRow, blocks: Int) -> Float {
        var acc = SIMD4<Float>()
        for b in 0..<blocks {
            let block = w + b * blockBytes
            acc += integerDot(weights(block), x, b) * (loadHalf(block) * x.scales[b])
        }
        return acc.sum()
    }

    @inline(__always)
    static func dot2(_ w0: UnsafeRawPointer, _ w1: UnsafeRawPointer, _ x: ActivationRow, blocks: Int) -> SIMD2<Float> {
        var a0 = SIMD4<Float>(), a1 = SIMD4<Float>()
        for b in 0..<blocks {
            let block0 = w0 + b * blockBytes, block1 = w1 + b * blockBytes
            let q = x.block(b)
            let xs = x.scales[b]
            a0 += integerDot(weights(block0), q, b) * (loadHalf(block0) * xs)
            a1 += integerDot(weights(block1), q, b) * (loadHalf(block1) * xs)
        }
        return SIMD2(a0.sum(), a1.sum())
    }

    @inline(__always)
    static func dot4(_ w: UnsafeRawPointer, _ x0: ActivationRow, _ x1: ActivationRow, _ x2: ActivationRow,
                     _ x3: ActivationRow, blocks: Int) -> SIMD4<Float> {
        var a0 = SIMD4<Float>(), a1 = SIMD4<Float>(), a2 = SIMD4<Float>(), a3 = SIMD4<Float>()
        for b in 0..<blocks {
            let block = w + b * blockBytes
            let d = loadHalf(block)
            let v = weights(block)
            a0 += integerDot(v, x0, b) * (d * x0.scales[b])
            a1 += integerDot(v, x1, b) * (d * x1.scales[b])
            a2 += integerDot(v, x2, b) * (d * x2.scales[b])
            a3 += integerDot(v, x3, b) * (d * x3.scales[b])
        }
        return SIMD4(a0.sum(), a1.sum(), a2.sum(), a3.sum())
    }

    /// Weight row as floats (embedding lookup).
    static func dequantize(_ w: UnsafeRawPointer, count: Int, into out: UnsafeMutablePointer<Float>) {
        for b in 0..<(count / 32) {
            let block = w + b * blockBytes
            let d = loadHalf(block)
            for j in 0..<32 {
                out[b * 32 + j] = d * Float(block.load(fromByteOffset: 2 + j, as: Int8.self))
            }
        }
    }
}

// MARK: - F32 / F16

// F32 and F16 weight rows · float activation rows: plain SIMD dot products, no activation rounding.
// (F16 lanes are converted with the same bit arithmetic as halfToFloat.)

enum KernelFloat {
    @inline(__always)
    static func halves(_ p: UnsafeRawPointer) -> SIMD8<Float> {
        let h = SIMD8<UInt32>(truncatingIfNeeded: p.loadUnaligned(as: SIMD8<UInt16>.self))
        let magnitude = unsafeBitCast((h & 0x7FFF) &<< 13, to: SIMD8<Float>.self) * 0x1p112
        return unsafeBitCast(unsafeBitCast(magnitude, to: SIMD8<UInt32>.self) | ((h & 0x8000) &<< 16), to: SIMD8<Float>.self)
    }

    /// Σ w·x over `count` weights of `elementBytes` bytes each: `eight` converts 8 weights, `one` a single one.
    @inline(__always)
    static func dot(_ w: UnsafeRawPointer, _ x: UnsafePointer<Float>, count: Int, elementBytes: Int,
                    eight: (UnsafeRawPointer) -> SIMD8<Float>, one: (UnsafeRawPointer) -> Float) -> Float {
        let xr = UnsafeRawPointer(x)
        var acc = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            acc += eight(w + i * elementBytes) * xr.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var tail: Float = 0
        while i < count {
            tail += one(w + i * elementBytes) * x[i]
            i += 1
        }
        return acc.sum() + tail
    }

    @inline(__always)
    static func dotF32(_ w: UnsafeRawPointer, _ x: UnsafePointer<Float>, count: Int) -> Float {
        dot(w, x, count: count, elementBytes: 4, eight: { $0.loadUnaligned(as: SIMD8<Float>.self) },
            one: { $0.loadUnaligned(as: Float.self) })
    }

    @inline(__always)
    static func dotF16(_ w: UnsafeRawPointer, _ x: UnsafePointer<Float>, count: Int) -> Float {
        dot(w, x, count: count, elementBytes: 2, eight: halves, one: { loadHalf($0) })
    }

    @inline(__always)
    static func dotBF16(_ w: UnsafeRawPointer, _ x: UnsafePointer<Float>, count: Int) -> Float {
        dot(w, x, count: count, elementBytes: 2, eight: { p in
            let bits = SIMD8<UInt32>(truncatingIfNeeded: p.loadUnaligned(as: SIMD8<UInt16>.self)) &<< 16
            return unsafeBitCast(bits, to: SIMD8<Float>.self)
        }, one: { loadBrainFloat($0) })
    }
}

// MARK: - WeightMatrix.multiply

extension WeightMatrix {
    /// out[r · outStride + n] = row n · input row r, for n in `outputs` and every input row.
    func multiply(_ input: MatmulInput, outputs: Range<Int>, into out: UnsafeMutablePointer<Float>, outStride: Int) {
        if isQuantized && !input.roundActivations {
            multiplyDequantized(input, outputs, out, outStride)
            return
        }
        if input.kernels != .portable && multiplyNative(input, outputs: outputs, into: out, outStride: outStride) {
            return
        }
        // At a native level the activations were rounded to bytes only (QuantizedActivations.quantize), which every
        // quantized format's native kernel reads; the portable kernels below read the widened values.
        precondition(input.kernels == .portable || !isQuantized, "no native kernel for \(type) at \(input.kernels)")
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
        case .bf16: multiplyFloat(input, outputs, out, outStride, KernelFloat.dotBF16)
        case .q5_0, .q5_1, .q4_K, .q5_K, .q6_K: multiplySlices(input, outputs, out, outStride)
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
