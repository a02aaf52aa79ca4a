// Not a header to include anywhere else: the body of QuantizedMatmulAVX2.c and QuantizedMatmulVNNI.c.
// The quantized matmul kernels, written once and compiled once per instruction set: the including file defines
// KERNEL_SUFFIX (the name ending), wraps this in its target attribute, and defines
//   dot_u8_s8(a, b): eight 32-bit sums, lane k = Σ a[4k..4k+3]·b[4k..4k+3] (a unsigned, b signed bytes).
//
// Weights · 8-bit activations x = d_x·q (QuantizedActivations), per block of 32:
//   Q4_1: w = d·n + m, Q4_0: the same with m = −8d  →  Σ w·x = d·d_x·Σ n·q + m·(d_x·Σq)
//   Q8_0: w = d·v                                   →  Σ w·x = d·d_x·Σ |v|·(q·sign v)   (unsigned × signed bytes)
// A tile computes R weight rows × C activation rows at once, so each unpacked weight block and each loaded activation
// block is used several times and R·C independent accumulators hide the FMA latency.

#include <immintrin.h>
#include <string.h>

#define JOIN_NAME(base, suffix) base##_##suffix
#define KERNEL_NAME(base, suffix) JOIN_NAME(base, suffix)
#define ALWAYS_INLINE static inline __attribute__((always_inline))

enum { FORMAT_Q4_0, FORMAT_Q4_1, FORMAT_Q8_0 };

ALWAYS_INLINE float half_at(const uint8_t *p) {
    uint16_t bits;
    memcpy(&bits, p, 2);
    return _cvtsh_ss(bits);
}

/// Q4_1's d and m are adjacent: one load and one conversion give both (the compiler shares them between the two).
ALWAYS_INLINE __m128 half_pair_at(const uint8_t *p) {
    uint32_t bits;
    memcpy(&bits, p, 4);
    return _mm_cvtph_ps(_mm_cvtsi32_si128((int)bits));
}
ALWAYS_INLINE float first_half_at(const uint8_t *p) { return _mm_cvtss_f32(half_pair_at(p)); }
ALWAYS_INLINE float second_half_at(const uint8_t *p) { return _mm_cvtss_f32(_mm_movehdup_ps(half_pair_at(p))); }

ALWAYS_INLINE float horizontal_sum(__m256 v) {
    __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    s = _mm_add_ps(s, _mm_movehl_ps(s, s));
    s = _mm_add_ss(s, _mm_movehdup_ps(s));
    return _mm_cvtss_f32(s);
}

/// The 32 nibbles of a packed block in element order: byte j holds element j (low half) and j + 16 (high half).
ALWAYS_INLINE __m256i unpack_nibbles(const uint8_t *packed) {
    const __m128i bytes = _mm_loadu_si128((const __m128i *)packed);
    const __m256i both = _mm256_set_m128i(_mm_srli_epi16(bytes, 4), bytes);
    return _mm256_and_si256(both, _mm256_set1_epi8(0x0F));
}

ALWAYS_INLINE intptr_t block_bytes_of(int format) {
    return format == FORMAT_Q8_0 ? 34 : format == FORMAT_Q4_1 ? 20 : 18;
}

/// Weight rows n0..<n0+R · activation rows r0..<r0+C (R ≤ 4, C ≤ 4, R·C ≤ 8).
ALWAYS_INLINE void tile(SynthWeightRows w, intptr_t n0, int R, SynthActivations x, intptr_t r0, int C, int format,
                        float *out, intptr_t out_stride) {
    const intptr_t block_bytes = block_bytes_of(format), blocks = x.blocks_per_row;
    __m256 acc[4][4];
    float offset[4][4];
    for (int i = 0; i < R; i++)
        for (int j = 0; j < C; j++) {
            acc[i][j] = _mm256_setzero_ps();
            offset[i][j] = 0;
        }
    for (intptr_t b = 0; b < blocks; b++) {
        __m256i q[4];
        float x_scale[4], x_scaled_sum[4];
        for (int j = 0; j < C; j++) {
            const intptr_t xb = (r0 + j) * blocks + b;
            q[j] = _mm256_loadu_si256((const __m256i *)(x.values + xb * 32));
            x_scale[j] = x.scales[xb];
            x_scaled_sum[j] = x.scaled_sums[xb];
        }
        for (int i = 0; i < R; i++) {
            const uint8_t *block = w.weights + (n0 + i) * w.row_bytes + b * block_bytes;
            const float d = format == FORMAT_Q4_1 ? first_half_at(block) : half_at(block);
            if (format == FORMAT_Q8_0) {
                const __m256i v = _mm256_loadu_si256((const __m256i *)(block + 2));
                const __m256i magnitudes = _mm256_sign_epi8(v, v);
                for (int j = 0; j < C; j++) {
                    const __m256 p = _mm256_cvtepi32_ps(dot_u8_s8(magnitudes, _mm256_sign_epi8(q[j], v)));
                    acc[i][j] = _mm256_fmadd_ps(_mm256_set1_ps(d * x_scale[j]), p, acc[i][j]);
                }
            } else {
                const float m = format == FORMAT_Q4_1 ? second_half_at(block) : -8.0f * d;
                const __m256i n = unpack_nibbles(block + (format == FORMAT_Q4_1 ? 4 : 2));
                for (int j = 0; j < C; j++) {
                    const __m256 p = _mm256_cvtepi32_ps(dot_u8_s8(n, q[j]));
                    acc[i][j] = _mm256_fmadd_ps(_mm256_set1_ps(d * x_scale[j]), p, acc[i][j]);
                    offset[i][j] += m * x_scaled_sum[j];
                }
            }
        }
    }
    for (int i = 0; i < R; i++)
        for (int j = 0; j < C; j++) out[(r0 + j) * out_stride + n0 + i] = horizontal_sum(acc[i][j]) + offset[i][j];
}

ALWAYS_INLINE void matmul(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride, int format) {
    intptr_t n = w.first_row;
    if (x.rows < 4) {
        // Decoding: four weight rows share each activation block.
        for (; n + 4 <= w.end_row; n += 4)
            for (intptr_t r = 0; r < x.rows; r++) tile(w, n, 4, x, r, 1, format, out, out_stride);
        for (; n < w.end_row; n++)
            for (intptr_t r = 0; r < x.rows; r++) tile(w, n, 1, x, r, 1, format, out, out_stride);
        return;
    }
    // Batches: two weight rows × four activation rows.
    for (; n + 2 <= w.end_row; n += 2) {
        intptr_t r = 0;
        for (; r + 4 <= x.rows; r += 4) tile(w, n, 2, x, r, 4, format, out, out_stride);
        for (; r < x.rows; r++) tile(w, n, 2, x, r, 1, format, out, out_stride);
    }
    for (; n < w.end_row; n++) {
        intptr_t r = 0;
        for (; r + 4 <= x.rows; r += 4) tile(w, n, 1, x, r, 4, format, out, out_stride);
        for (; r < x.rows; r++) tile(w, n, 1, x, r, 1, format, out, out_stride);
    }
}

void KERNEL_NAME(synth_matmul_q4_0, KERNEL_SUFFIX)(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride) {
    matmul(w, x, out, out_stride, FORMAT_Q4_0);
}

void KERNEL_NAME(synth_matmul_q4_1, KERNEL_SUFFIX)(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride) {
    matmul(w, x, out, out_stride, FORMAT_Q4_1);
}

void KERNEL_NAME(synth_matmul_q8_0, KERNEL_SUFFIX)(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride) {
    matmul(w, x, out, out_stride, FORMAT_Q8_0);
}
