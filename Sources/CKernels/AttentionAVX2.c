// The two dot-product loops of attention with AVX2 + FMA (run only when synth_cpu_kernel_level() ≥ 1). Swift's SIMD8
// compiles to SSE pairs without FMA on baseline x86-64, and attention is ~10% of a decode step there. The softmax
// between the two stays in Swift (TransformerMath.attend).
#include "CKernels.h"

#if defined(__x86_64__)
#include <immintrin.h>

#pragma clang attribute push(__attribute__((target("avx2,fma"))), apply_to = function)

static inline __attribute__((always_inline)) float horizontal_sum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

void synth_attention_scores_avx2(const float *query, const float *keys, intptr_t stride, intptr_t head_dim,
                                 intptr_t count, float scale, float *scores) {
    intptr_t t = 0;
    // Four positions at a time share each load of the query.
    for (; t + 4 <= count; t += 4) {
        const float *k = keys + t * stride;
        __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps();
        for (intptr_t i = 0; i < head_dim; i += 8) {
            const __m256 q = _mm256_loadu_ps(query + i);
            a0 = _mm256_fmadd_ps(q, _mm256_loadu_ps(k + i), a0);
            a1 = _mm256_fmadd_ps(q, _mm256_loadu_ps(k + stride + i), a1);
            a2 = _mm256_fmadd_ps(q, _mm256_loadu_ps(k + 2 * stride + i), a2);
            a3 = _mm256_fmadd_ps(q, _mm256_loadu_ps(k + 3 * stride + i), a3);
        }
        scores[t] = horizontal_sum(a0) * scale;
        scores[t + 1] = horizontal_sum(a1) * scale;
        scores[t + 2] = horizontal_sum(a2) * scale;
        scores[t + 3] = horizontal_sum(a3) * scale;
    }
    for (; t < count; t++) {
        const float *k = keys + t * stride;
        __m256 a = _mm256_setzero_ps();
        for (intptr_t i = 0; i < head_dim; i += 8) a = _mm256_fmadd_ps(_mm256_loadu_ps(query + i), _mm256_loadu_ps(k + i), a);
        scores[t] = horizontal_sum(a) * scale;
    }
}

void synth_attention_mix_avx2(const float *weights, const float *values, intptr_t stride, intptr_t head_dim,
                              intptr_t count, float scale, float *out) {
    // 32 output lanes at a time, kept in registers across all positions.
    for (intptr_t lane = 0; lane < head_dim; lane += 32) {
        const intptr_t width = head_dim - lane < 32 ? head_dim - lane : 32;
        __m256 acc[4] = {_mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps(), _mm256_setzero_ps()};
        for (intptr_t t = 0; t < count; t++) {
            const __m256 p = _mm256_broadcast_ss(weights + t);
            const float *v = values + t * stride + lane;
            for (int k = 0; k < 4; k++)
                if (8 * k < width) acc[k] = _mm256_fmadd_ps(p, _mm256_loadu_ps(v + 8 * k), acc[k]);
        }
        for (int k = 0; k < 4; k++)
            if (8 * k < width) _mm256_storeu_ps(out + lane + 8 * k, _mm256_mul_ps(acc[k], _mm256_set1_ps(scale)));
    }
}

#pragma clang attribute pop
#endif
