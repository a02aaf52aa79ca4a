// The integer building block of the quantized kernels: lane-pair multiply-add of 16-bit vectors into 32-bit sums,
// written so LLVM selects x86 `pmaddwd` (SSE2; AVX-512 VNNI can fuse more, but needs CPU-specific build flags).
// Weight and activation lanes only need to correspond; which lanes form a pair does not matter for a dot product.

@inline(__always)
func multiplyAddPairs(_ a: SIMD8<Int16>, _ b: SIMD8<Int16>) -> SIMD4<Int32> {
    SIMD4<Int32>(truncatingIfNeeded: a.evenHalf) &* SIMD4<Int32>(truncatingIfNeeded: b.evenHalf)
        &+ SIMD4<Int32>(truncatingIfNeeded: a.oddHalf) &* SIMD4<Int32>(truncatingIfNeeded: b.oddHalf)
}

/// Sums of adjacent lane pairs, widened to 32 bits (one `pmaddwd` by ones). The ones come from a variable LLVM
/// cannot see through: given a constant it replaces the single `pmaddwd` by four shifts and adds.
@inline(__always)
func widenPairSums(_ a: SIMD8<Int16>) -> SIMD4<Int32> {
    multiplyAddPairs(a, opaqueOnes)
}

nonisolated(unsafe) var opaqueOnes = SIMD8<Int16>(repeating: 1)
