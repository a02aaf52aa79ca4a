// F32 and F16 weight rows · float activation rows: plain SIMD dot products, no activation rounding.
// (F16 lanes are converted with the same bit arithmetic as halfToFloat.)

enum KernelFloat {
    @inline(__always)
    static func halves(_ p: UnsafeRawPointer) -> SIMD8<Float> {
        let h = SIMD8<UInt32>(truncatingIfNeeded: p.loadUnaligned(as: SIMD8<UInt16>.self))
        let magnitude = unsafeBitCast((h & 0x7FFF) &<< 13, to: SIMD8<Float>.self) * 0x1p112
        return unsafeBitCast(unsafeBitCast(magnitude, to: SIMD8<UInt32>.self) | ((h & 0x8000) &<< 16), to: SIMD8<Float>.self)
    }

    @inline(__always)
    static func dotF32(_ w: UnsafeRawPointer, _ x: UnsafePointer<Float>, count: Int) -> Float {
        let xr = UnsafeRawPointer(x)
        var acc = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            acc += w.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
                * xr.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var tail: Float = 0
        while i < count {
            tail += w.load(fromByteOffset: i * 4, as: Float.self) * x[i]
            i += 1
        }
        return acc.sum() + tail
    }

    @inline(__always)
    static func dotF16(_ w: UnsafeRawPointer, _ x: UnsafePointer<Float>, count: Int) -> Float {
        let xr = UnsafeRawPointer(x)
        var acc = SIMD8<Float>()
        var i = 0
        while i + 8 <= count {
            acc += halves(w + i * 2) * xr.loadUnaligned(fromByteOffset: i * 4, as: SIMD8<Float>.self)
            i += 8
        }
        var tail: Float = 0
        while i < count {
            tail += loadHalf(w, i * 2) * x[i]
            i += 1
        }
        return acc.sum() + tail
    }
}
