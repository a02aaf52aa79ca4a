// Not a header to include anywhere else: the body of QuantizedMatmulAVX2.c and QuantizedMatmulVNNI.c.
// The quantized matmul kernels, written once and compiled once per instruction set: the including file defines
// KERNEL_SUFFIX (the name ending), wraps this in its target attribute, and defines
//   dot_u8_s8(a, b): eight 32-bit sums, lane k = Σ a[4k..4k+3]·b[4k..4k+3] (a unsigned, b signed bytes).
//
// Weights · 8-bit activations x = d_x·q (QuantizedActivations), per block of 32:
//   Q4_1: w = d·n + m, Q4_0: the same with m = −8d  →  Σ w·x = d·d_x·Σ n·q + m·(d_x·Σq)
//   Q5_1, Q5_0 (m = −16d): the same with n = nibble | (bit j of the block's 32-bit qh) << 4
//   Q8_0: w = d·v                                   →  Σ w·x = d·d_x·Σ |v|·(q·sign v)   (unsigned × signed bytes)
// A tile computes R weight rows × C activation rows at once, so each unpacked weight block and each loaded activation
// block is used several times and R·C independent accumulators hide the FMA latency.

#include <immintrin.h>
#include <string.h>

#define JOIN_NAME(base, suffix) base##_##suffix
#define KERNEL_NAME(base, suffix) JOIN_NAME(base, suffix)
#define ALWAYS_INLINE static inline __attribute__((always_inline))

enum { FORMAT_Q4_0, FORMAT_Q4_1, FORMAT_Q5_0, FORMAT_Q5_1, FORMAT_Q8_0, FORMAT_Q4_K, FORMAT_Q5_K, FORMAT_Q6_K };

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

/// 16 in byte j where bit j of the 32-bit little-endian word at `bits` is set, else 0.
ALWAYS_INLINE __m256i fifth_bits(const uint8_t *bits) {
    uint32_t word;
    memcpy(&word, bits, 4);
    // Byte j takes byte j/8 of the word, keeps its bit j%8, and becomes 16 if that bit was set.
    const __m256i spread = _mm256_shuffle_epi8(_mm256_set1_epi32((int)word),
                                               _mm256_setr_epi64x(0, 0x0101010101010101, 0x0202020202020202,
                                                                  0x0303030303030303));
    const __m256i select = _mm256_set1_epi64x((long long)0x8040201008040201ULL);
    const __m256i set = _mm256_cmpeq_epi8(_mm256_and_si256(spread, select), select);
    return _mm256_and_si256(set, _mm256_set1_epi8(16));
}

/// Block `block` of activation rows r0..<r0+C: its 32 values, scale and scaled sum per row.
ALWAYS_INLINE void load_activations(SynthActivations x, intptr_t r0, int C, intptr_t block, __m256i q[4],
                                    float x_scale[4], float x_scaled_sum[4]) {
    for (int j = 0; j < C; j++) {
        const intptr_t xb = (r0 + j) * x.blocks_per_row + block;
        q[j] = _mm256_loadu_si256((const __m256i *)(x.values + xb * 32));
        x_scale[j] = x.scales[xb];
        x_scaled_sum[j] = x.scaled_sums[xb];
    }
}

ALWAYS_INLINE intptr_t block_bytes_of(int format) {
    switch (format) {
    case FORMAT_Q8_0: return 34;
    case FORMAT_Q5_1: return 24;
    case FORMAT_Q5_0: return 22;
    case FORMAT_Q4_1: return 20;
    default: return 18;
    }
}

/// Whether a block starts with f16 d and f16 m (read together).
ALWAYS_INLINE int has_minimum(int format) { return format == FORMAT_Q4_1 || format == FORMAT_Q5_1; }

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
        load_activations(x, r0, C, b, q, x_scale, x_scaled_sum);
        for (int i = 0; i < R; i++) {
            const uint8_t *block = w.weights + (n0 + i) * w.row_bytes + b * block_bytes;
            const float d = has_minimum(format) ? first_half_at(block) : half_at(block);
            if (format == FORMAT_Q8_0) {
                const __m256i v = _mm256_loadu_si256((const __m256i *)(block + 2));
                const __m256i magnitudes = _mm256_sign_epi8(v, v);
                for (int j = 0; j < C; j++) {
                    const __m256 p = _mm256_cvtepi32_ps(dot_u8_s8(magnitudes, _mm256_sign_epi8(q[j], v)));
                    acc[i][j] = _mm256_fmadd_ps(_mm256_set1_ps(d * x_scale[j]), p, acc[i][j]);
                }
            } else {
                const int five = format == FORMAT_Q5_0 || format == FORMAT_Q5_1;
                const float m = has_minimum(format) ? second_half_at(block) : (five ? -16.0f : -8.0f) * d;
                const uint8_t *after_scales = block + (has_minimum(format) ? 4 : 2);
                __m256i n = unpack_nibbles(after_scales + (five ? 4 : 0));
                if (five) n = _mm256_or_si256(n, fifth_bits(after_scales));
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

// K-quants: super-blocks of 256 weights, whose sub-blocks of 32 line up with the activation blocks.
//   Q4_K (144 bytes): f16 d, f16 dmin, 12 bytes of 6-bit scales sc and mins m (8 each), 128 bytes of nibbles;
//     sub-block s holds the low (s even) or high (s odd) nibbles of qs[32·(s/2) ..< +32]   →  w = d·sc·n − dmin·m
//     Σ w·x = d·sc·d_x·Σ n·q − dmin·m·(d_x·Σq)
//   Q5_K (176 bytes): as Q4_K with 32 bytes qh between the scales and the nibbles; bit s of qh[l] is the fifth bit.
//   Q6_K (210 bytes): 128 bytes ql (low 4 bits), 64 qh (high 2), 16 int8 scales, f16 d; 16 weights per scale;
//     w = d·sc·(v − 32), done as signed values with the Q8_0 sign trick, the two scales of a sub-block lane-wise.

/// Q4_K's and Q5_K's packed scales and mins (llama.cpp's get_scale_min_k4).
ALWAYS_INLINE void k4_scales(const uint8_t *q, uint8_t sc[8], uint8_t m[8]) {
    for (int j = 0; j < 4; j++) {
        sc[j] = q[j] & 63;
        m[j] = q[j + 4] & 63;
    }
    for (int j = 4; j < 8; j++) {
        sc[j] = (q[j + 4] & 0x0F) | ((q[j - 4] >> 6) << 4);
        m[j] = (q[j + 4] >> 4) | ((q[j] >> 6) << 4);
    }
}

ALWAYS_INLINE intptr_t super_block_bytes_of(int format) {
    return format == FORMAT_Q4_K ? 144 : format == FORMAT_Q5_K ? 176 : 210;
}

/// The 32 values of sub-block `s` of a Q4_K or Q5_K super-block, unsigned (0…15, or 0…31 with the fifth bit).
ALWAYS_INLINE __m256i k4_values(const uint8_t *qs, const uint8_t *qh, int s, int format) {
    const __m256i packed = _mm256_loadu_si256((const __m256i *)(qs + 32 * (s / 2)));
    const __m256i low = _mm256_set1_epi8(0x0F);
    __m256i v = (s & 1) ? _mm256_and_si256(_mm256_srli_epi16(packed, 4), low) : _mm256_and_si256(packed, low);
    if (format == FORMAT_Q5_K) {
        const __m256i bits = _mm256_loadu_si256((const __m256i *)qh);
        const __m256i mask = _mm256_set1_epi8((char)(1 << s));
        const __m256i set = _mm256_cmpeq_epi8(_mm256_and_si256(bits, mask), mask);
        v = _mm256_or_si256(v, _mm256_and_si256(set, _mm256_set1_epi8(16)));
    }
    return v;
}

/// The 32 values of sub-block `s` of a Q6_K super-block, as v − 32 (signed, −32…31).
ALWAYS_INLINE __m256i q6_values(const uint8_t *ql, const uint8_t *qh, int s) {
    const int chunk = s / 4, k = s % 4;
    const __m256i low_bits = _mm256_loadu_si256((const __m256i *)(ql + 64 * chunk + 32 * (k & 1)));
    const __m256i high_bits = _mm256_loadu_si256((const __m256i *)(qh + 32 * chunk));
    const __m256i low = _mm256_set1_epi8(0x0F);
    const __m256i nibble = (k >= 2) ? _mm256_and_si256(_mm256_srli_epi16(low_bits, 4), low) : _mm256_and_si256(low_bits, low);
    const __m256i two = _mm256_and_si256(_mm256_srli_epi16(high_bits, 2 * k), _mm256_set1_epi8(3));
    const __m256i v = _mm256_or_si256(nibble, _mm256_slli_epi16(two, 4));
    return _mm256_sub_epi8(v, _mm256_set1_epi8(32));
}

/// Weight rows n0..<n0+R · activation rows r0..<r0+C of a K-quant format (R ≤ 4, C ≤ 4, R·C ≤ 8).
ALWAYS_INLINE void tile_k(SynthWeightRows w, intptr_t n0, int R, SynthActivations x, intptr_t r0, int C, int format,
                          float *out, intptr_t out_stride) {
    const intptr_t supers = x.blocks_per_row / 8, sb_bytes = super_block_bytes_of(format);
    __m256 acc[4][4];
    float offset[4][4];
    for (int i = 0; i < R; i++)
        for (int j = 0; j < C; j++) {
            acc[i][j] = _mm256_setzero_ps();
            offset[i][j] = 0;
        }
    for (intptr_t b = 0; b < supers; b++) {
        // Each row's super-block header: its scales, read once for its 8 sub-blocks.
        const uint8_t *head[4];
        float d[4], dmin[4];
        uint8_t sc[4][8], mins[4][8];
        for (int i = 0; i < R; i++) {
            head[i] = w.weights + (n0 + i) * w.row_bytes + b * sb_bytes;
            if (format == FORMAT_Q6_K) {
                d[i] = half_at(head[i] + 208);
            } else {
                d[i] = first_half_at(head[i]);
                dmin[i] = second_half_at(head[i]);
                k4_scales(head[i] + 4, sc[i], mins[i]);
            }
        }
        for (int s = 0; s < 8; s++) {
            __m256i q[4];
            float x_scale[4], x_scaled_sum[4];
            load_activations(x, r0, C, b * 8 + s, q, x_scale, x_scaled_sum);
            for (int i = 0; i < R; i++) {
                if (format == FORMAT_Q6_K) {
                    const __m256i v = q6_values(head[i], head[i] + 128, s);
                    const int8_t *scales = (const int8_t *)(head[i] + 192) + 8 * (s / 4) + 2 * (s % 4);
                    const __m256 lane_scales = _mm256_setr_ps(scales[0], scales[0], scales[0], scales[0],
                                                              scales[1], scales[1], scales[1], scales[1]);
                    const __m256i magnitudes = _mm256_sign_epi8(v, v);
                    for (int j = 0; j < C; j++) {
                        const __m256 p = _mm256_cvtepi32_ps(dot_u8_s8(magnitudes, _mm256_sign_epi8(q[j], v)));
                        const __m256 scale = _mm256_mul_ps(lane_scales, _mm256_set1_ps(d[i] * x_scale[j]));
                        acc[i][j] = _mm256_fmadd_ps(scale, p, acc[i][j]);
                    }
                } else {
                    const uint8_t *qh = head[i] + 16;
                    const uint8_t *qs = head[i] + (format == FORMAT_Q5_K ? 48 : 16);
                    const __m256i v = k4_values(qs, qh, s, format);
                    const float scale = d[i] * (float)sc[i][s], minimum = dmin[i] * (float)mins[i][s];
                    for (int j = 0; j < C; j++) {
                        const __m256 p = _mm256_cvtepi32_ps(dot_u8_s8(v, q[j]));
                        acc[i][j] = _mm256_fmadd_ps(_mm256_set1_ps(scale * x_scale[j]), p, acc[i][j]);
                        offset[i][j] -= minimum * x_scaled_sum[j];
                    }
                }
            }
        }
    }
    for (int i = 0; i < R; i++)
        for (int j = 0; j < C; j++) out[(r0 + j) * out_stride + n0 + i] = horizontal_sum(acc[i][j]) + offset[i][j];
}

/// One tile of whichever layout `format` has (a constant where it is called: the branch folds away).
ALWAYS_INLINE void tile_of(SynthWeightRows w, intptr_t n0, int R, SynthActivations x, intptr_t r0, int C, int format,
                           float *out, intptr_t out_stride) {
    if (format >= FORMAT_Q4_K) tile_k(w, n0, R, x, r0, C, format, out, out_stride);
    else tile(w, n0, R, x, r0, C, format, out, out_stride);
}

ALWAYS_INLINE void matmul(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride, int format) {
    intptr_t n = w.first_row;
    if (x.rows < 4) {
        // Decoding: each weight byte is read once, so memory decides. One row after another is one sequential
        // stream, which the hardware prefetchers follow best: on 66 MB of Q4_1 (> L3) it took 5.8 ms against 7.7
        // for four rows interleaved block by block (with prefetching; 8.9 without) and 8.4 for ggml's row-by-row
        // vec_dot, though four rows are ~15% faster when the weights are in cache (a one-off bench, 2026-12-04).
        for (; n < w.end_row; n++)
            for (intptr_t r = 0; r < x.rows; r++) tile_of(w, n, 1, x, r, 1, format, out, out_stride);
        return;
    }
    // Batches: two weight rows × four activation rows.
    for (; n + 2 <= w.end_row; n += 2) {
        intptr_t r = 0;
        for (; r + 4 <= x.rows; r += 4) tile_of(w, n, 2, x, r, 4, format, out, out_stride);
        for (; r < x.rows; r++) tile_of(w, n, 2, x, r, 1, format, out, out_stride);
    }
    for (; n < w.end_row; n++) {
        intptr_t r = 0;
        for (; r + 4 <= x.rows; r += 4) tile_of(w, n, 1, x, r, 4, format, out, out_stride);
        for (; r < x.rows; r++) tile_of(w, n, 1, x, r, 1, format, out, out_stride);
    }
}

/// The exported kernel of one format: synth_matmul_<name>_<suffix> (declared in CKernels.h).
#define DEFINE_KERNEL(name, format)                                                                              \
    void KERNEL_NAME(synth_matmul_##name, KERNEL_SUFFIX)(SynthWeightRows w, SynthActivations x, float *out,       \
                                                          intptr_t out_stride) {                                   \
        matmul(w, x, out, out_stride, format);                                                                    \
    }

DEFINE_KERNEL(q4_0, FORMAT_Q4_0)
DEFINE_KERNEL(q4_1, FORMAT_Q4_1)
DEFINE_KERNEL(q5_0, FORMAT_Q5_0)
DEFINE_KERNEL(q5_1, FORMAT_Q5_1)
DEFINE_KERNEL(q8_0, FORMAT_Q8_0)
DEFINE_KERNEL(q4_k, FORMAT_Q4_K)
DEFINE_KERNEL(q5_k, FORMAT_Q5_K)
DEFINE_KERNEL(q6_k, FORMAT_Q6_K)
