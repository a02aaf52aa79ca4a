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
