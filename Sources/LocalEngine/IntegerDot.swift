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
