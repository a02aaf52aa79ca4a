// The kernels of QuantizedMatmulTemplate.h with AVX-512 VNNI on 256-bit vectors: one vpdpbusd does the u8 × s8 products
// and their 32-bit sums (run only when synth_cpu_kernel_level() ≥ 2).
#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx2,fma,f16c,avx512f,avx512bw,avx512vl,avx512vnni"))), apply_to = function)

#define KERNEL_SUFFIX vnni

/// u8 × s8 products summed in fours to 32 bits in one instruction.
static inline __attribute__((always_inline)) __m256i dot_u8_s8(__m256i a, __m256i b) {
    return _mm256_dpbusd_epi32(_mm256_setzero_si256(), a, b);
}

#include "QuantizedMatmulTemplate.h"

#pragma clang attribute pop
#endif
