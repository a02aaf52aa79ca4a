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

/// Four halves at once (same arithmetic as `halfToFloat`).
@inline(__always)
func halvesToFloats(_ bits: SIMD4<Int16>) -> SIMD4<Float> {
    let shifted = (SIMD4<Int32>(truncatingIfNeeded: bits) &<< 13) & SIMD4(repeating: Int32(bitPattern: 0x8FFF_E000))
    return unsafeBitCast(shifted, to: SIMD4<Float>.self) * 0x1p112
}
