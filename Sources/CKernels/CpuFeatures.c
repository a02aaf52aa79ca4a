// Which kernel level this CPU runs: cpuid for the instructions, xgetbv for the OS saving the wider registers.
#include "CKernels.h"

#if defined(__x86_64__)
#include <cpuid.h>

static uint64_t enabled_register_state(void) {
    uint32_t low, high;
    __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
    return ((uint64_t)high << 32) | low;
}

int synth_cpu_kernel_level(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return 0;
    const int fma = (c >> 12) & 1, osxsave = (c >> 27) & 1, f16c = (c >> 29) & 1;
    if (!fma || !osxsave || !f16c) return 0;
    const uint64_t state = enabled_register_state();
    if ((state & 0x6) != 0x6) return 0;  // XMM and YMM state
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    const int avx2 = (b >> 5) & 1;
    if (!avx2) return 0;
    const int avx512f = (b >> 16) & 1, avx512bw = (b >> 30) & 1, avx512vl = (b >> 31) & 1, vnni = (c >> 11) & 1;
    const int zmm_state = (state & 0xE0) == 0xE0;  // opmask and upper ZMM state
    return (avx512f && avx512bw && avx512vl && vnni && zmm_state) ? 2 : 1;
}
#else
int synth_cpu_kernel_level(void) { return 0; }
#endif
