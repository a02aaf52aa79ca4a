// Quantized matmul kernels written with x86 intrinsics, which Swift cannot reach. Each is compiled for its
// instruction set alone (a per-function target attribute), so the library still loads on any x86-64 CPU; the
// engine calls one only after `synth_cpu_kernel_level` said the CPU and the OS support it. On other architectures
// the level is 0 and the kernels are absent: the engine keeps its portable Swift kernels.
#ifndef SYNTH_CKERNELS_H
#define SYNTH_CKERNELS_H

#include <stdint.h>

/// 0: none of these kernels may run; 1: AVX2 + FMA + F16C; 2: also AVX-512 VNNI on 256-bit vectors (F, BW, VL, VNNI).
int synth_cpu_kernel_level(void);

/// Activation rows rounded to 8 bits in blocks of 32 (natural element order), with each block's scale d and d·Σq.
typedef struct {
    const int8_t *values;
    const float *scales;
    const float *scaled_sums;
    intptr_t rows;
    intptr_t blocks_per_row;
} SynthActivations;

/// A range of a quantized weight matrix's rows: row n starts at weights + n · row_bytes.
typedef struct {
    const uint8_t *weights;
    intptr_t row_bytes;
    intptr_t first_row;
    intptr_t end_row;
} SynthWeightRows;

/// out[r · out_stride + n] = weight row n · activation row r, for every n in the range and every activation row.
/// Formats: Q4_0 (18-byte blocks), Q4_1 (20), Q8_0 (34); see GGMLType.swift.
void synth_matmul_q4_0_avx2(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
void synth_matmul_q4_1_avx2(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
void synth_matmul_q8_0_avx2(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
void synth_matmul_q4_0_vnni(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
void synth_matmul_q4_1_vnni(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
void synth_matmul_q8_0_vnni(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
/// Q5_0 (22-byte blocks: f16 d, 32 fifth bits, 16 bytes of nibbles) and Q5_1 (24: f16 d, f16 m, then the same).
void synth_matmul_q5_0_avx2(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
void synth_matmul_q5_1_avx2(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
void synth_matmul_q5_0_vnni(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
void synth_matmul_q5_1_vnni(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
/// K-quants: Q4_K (144-byte super-blocks of 256), Q5_K (176), Q6_K (210); activations in blocks of 32 as above.
void synth_matmul_q4_k_avx2(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
void synth_matmul_q5_k_avx2(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
void synth_matmul_q6_k_avx2(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
void synth_matmul_q4_k_vnni(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
void synth_matmul_q5_k_vnni(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);
void synth_matmul_q6_k_vnni(SynthWeightRows w, SynthActivations x, float *out, intptr_t out_stride);

/// Rounds `blocks` blocks of 32 floats to bytes with a scale d and d·Σq each (QuantizedActivations' layout).
void synth_quantize_blocks_avx2(const float *x, intptr_t blocks, int8_t *bytes, float *scales, float *scaled_sums);

/// Attention of one query head (head_dim floats, a multiple of 8) over `count` cached positions `stride` floats apart:
/// scores[t] = scale · query · key_t, and out = scale · Σ_t weights[t] · value_t.
void synth_attention_scores_avx2(const float *query, const float *keys, intptr_t stride, intptr_t head_dim,
                                 intptr_t count, float scale, float *scores);
void synth_attention_mix_avx2(const float *weights, const float *values, intptr_t stride, intptr_t head_dim,
                              intptr_t count, float scale, float *out);

#endif
