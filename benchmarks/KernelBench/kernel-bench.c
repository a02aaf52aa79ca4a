// The native quantized matmul kernels, one matrix-vector product each (decoding's shape: 1536 × 2304 weights), as
// the time of each format over Q4_1's in the same run (the format SmolLM2 ships in, and llama.cpp's anchor in
// `make bench-engine`). Interleaved rounds, medians. Build and run: `make bench-kernels`.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "CKernels.h"

typedef void (*Kernel)(SynthWeightRows, SynthActivations, float *, intptr_t);

typedef struct {
    const char *name;
    Kernel avx2, vnni;
    int block_weights, block_bytes;
    int halves[2];  // where each block's f16 scales sit (-1: none)
} Format;

static double seconds(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int by_value(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void) {
    enum { ROWS = 1536, COLUMNS = 2304, BLOCKS = COLUMNS / 32, ROUNDS = 9, REPEATS = 50 };
    const Format formats[] = {
        {"Q4_1", synth_matmul_q4_1_avx2, synth_matmul_q4_1_vnni, 32, 20, {0, 2}},
        {"Q4_0", synth_matmul_q4_0_avx2, synth_matmul_q4_0_vnni, 32, 18, {0, -1}},
        {"Q5_0", synth_matmul_q5_0_avx2, synth_matmul_q5_0_vnni, 32, 22, {0, -1}},
        {"Q5_1", synth_matmul_q5_1_avx2, synth_matmul_q5_1_vnni, 32, 24, {0, 2}},
        {"Q8_0", synth_matmul_q8_0_avx2, synth_matmul_q8_0_vnni, 32, 34, {0, -1}},
        {"Q4_K", synth_matmul_q4_k_avx2, synth_matmul_q4_k_vnni, 256, 144, {0, 2}},
        {"Q5_K", synth_matmul_q5_k_avx2, synth_matmul_q5_k_vnni, 256, 176, {0, 2}},
        {"Q6_K", synth_matmul_q6_k_avx2, synth_matmul_q6_k_vnni, 256, 210, {208, -1}},
    };
    const int count = sizeof formats / sizeof formats[0];
    const int level = synth_cpu_kernel_level();
    if (level < 1) {
        fprintf(stderr, "kernel-bench: this CPU has no AVX2/FMA/F16C: the native kernels cannot run\n");
        return 1;
    }
    srand(20261204);
    int8_t *values = malloc(COLUMNS);
    float *scales = malloc(BLOCKS * sizeof(float)), *sums = malloc(BLOCKS * sizeof(float));
    for (int i = 0; i < COLUMNS; i++) values[i] = (int8_t)(rand() % 255 - 127);
    for (int b = 0; b < BLOCKS; b++) scales[b] = 0.01f, sums[b] = 0.1f;
    const SynthActivations x = {values, scales, sums, 1, BLOCKS};
    float *out = malloc(ROWS * sizeof(float));
    uint8_t *weights[16];
    double times[16][ROUNDS];
    for (int f = 0; f < count; f++) {
        const size_t row_bytes = (size_t)COLUMNS / formats[f].block_weights * formats[f].block_bytes;
        weights[f] = malloc(ROWS * row_bytes);
        for (size_t i = 0; i < ROWS * row_bytes; i++) weights[f][i] = (uint8_t)rand();
        for (size_t block = 0; block < ROWS * row_bytes / formats[f].block_bytes; block++)
            for (int h = 0; h < 2; h++)
                if (formats[f].halves[h] >= 0) {  // a small finite scale (f16 0.01)
                    uint8_t *p = weights[f] + block * formats[f].block_bytes + formats[f].halves[h];
                    p[0] = 0x1F, p[1] = 0x21;
                }
    }
    printf("%d × %d weights · one activation row · %s kernels · median of %d interleaved rounds\n", ROWS, COLUMNS,
           level >= 2 ? "AVX-512 VNNI" : "AVX2", ROUNDS);
    for (int round = 0; round < ROUNDS; round++)
        for (int f = 0; f < count; f++) {
            const intptr_t row_bytes = COLUMNS / formats[f].block_weights * formats[f].block_bytes;
            const SynthWeightRows w = {weights[f], row_bytes, 0, ROWS};
            const Kernel kernel = level >= 2 ? formats[f].vnni : formats[f].avx2;
            const double start = seconds();
            for (int r = 0; r < REPEATS; r++) kernel(w, x, out, ROWS);
            times[f][round] = (seconds() - start) / REPEATS;
        }
    double anchor = 0;
    for (int f = 0; f < count; f++) {
        qsort(times[f], ROUNDS, sizeof(double), by_value);
        const double median = times[f][ROUNDS / 2];
        if (f == 0) anchor = median;
        const double bits = 8.0 * formats[f].block_bytes / formats[f].block_weights;
        printf("%-5s %4.2f bits/weight  %7.1f µs  %.2f× Q4_1's time\n", formats[f].name, bits, median * 1e6,
               median / anchor);
    }
    return 0;
}
