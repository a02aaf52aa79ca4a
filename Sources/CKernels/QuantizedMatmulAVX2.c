// The kernels of QuantizedMatmulTemplate.h for AVX2 + FMA + F16C (run only when synth_cpu_kernel_level() ≥ 1).
#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx2,fma,f16c"))), apply_to = function)

#define KERNEL_SUFFIX avx2

/// u8 × s8 products summed in pairs to 16 bits, then in pairs to 32. The 16-bit sums cannot saturate here: the
/// unsigned side is a nibble (≤ 15) or |v| ≤ 128, the signed side |q| ≤ 127, and 2·128·127 < 32768.
static inline __attribute__((always_inline)) __m256i dot_u8_s8(__m256i a, __m256i b) {
    return _mm256_madd_epi16(_mm256_maddubs_epi16(a, b), _mm256_set1_epi16(1));
}

#include "QuantizedMatmulTemplate.h"

#pragma clang attribute pop
#endif
