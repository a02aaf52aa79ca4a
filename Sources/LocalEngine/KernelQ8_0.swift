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
