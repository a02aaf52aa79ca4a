// Activation rows rounded to 8 bits in blocks of 32 (QuantizedActivations' bytes, scales and scaled sums) with AVX2,
// for the native kernels; the same arithmetic as the Swift version (d = max|x| / 127, x · (1/d) rounded to nearest
// even), so both give identical bytes.
#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)

void synth_quantize_blocks_avx2(const float *x, intptr_t blocks, int8_t *bytes, float *scales, float *scaled_sums) {
    const __m256 sign_bit = _mm256_set1_ps(-0.0f);
    for (intptr_t b = 0; b < blocks; b++) {
        const float *v = x + 32 * b;
        __m256 part[4];
        __m256 amax = _mm256_setzero_ps();
        for (int k = 0; k < 4; k++) {
            part[k] = _mm256_loadu_ps(v + 8 * k);
            amax = _mm256_max_ps(amax, _mm256_andnot_ps(sign_bit, part[k]));
        }
        __m128 m = _mm_max_ps(_mm256_castps256_ps128(amax), _mm256_extractf128_ps(amax, 1));
        m = _mm_max_ps(m, _mm_movehl_ps(m, m));
        m = _mm_max_ss(m, _mm_movehdup_ps(m));
        const float d = _mm_cvtss_f32(m) / 127;
        const __m256 inverse = _mm256_set1_ps(d > 0 ? 1 / d : 0);
        __m256i q[4];
        for (int k = 0; k < 4; k++) q[k] = _mm256_cvtps_epi32(_mm256_mul_ps(part[k], inverse));  // nearest even
        // 32-bit → 16-bit → 8-bit packs interleave 128-bit lanes; the permute puts the bytes back in order.
        const __m256i words = _mm256_packs_epi32(q[0], q[1]), words2 = _mm256_packs_epi32(q[2], q[3]);
        const __m256i packed = _mm256_packs_epi16(words, words2);
        _mm256_storeu_si256((__m256i *)(bytes + 32 * b),
                            _mm256_permutevar8x32_epi32(packed, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7)));
        __m256i sum = _mm256_add_epi32(_mm256_add_epi32(q[0], q[1]), _mm256_add_epi32(q[2], q[3]));
        __m128i s = _mm_add_epi32(_mm256_castsi256_si128(sum), _mm256_extracti128_si256(sum, 1));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4E));
        s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xB1));
        scales[b] = d;
        scaled_sums[b] = d * (float)_mm_cvtsi128_si32(s);
    }
}

#pragma clang attribute pop
#endif
