/* CPU feature detection and fp16 helpers shared by the kernel modules.
 *
 * This header is included by the portable (scalar) module, which is compiled WITHOUT -mavx2, so
 * nothing here may use AVX instructions: it only asks the CPU what it supports.
 */
#ifndef INTERNS_CPU_FEATURES_H
#define INTERNS_CPU_FEATURES_H

#include <stdint.h>
#include <string.h>

/* 1 when the CPU (and the OS, which must save the ymm registers) supports AVX2, FMA and F16C. */
static inline int interns_cpu_has_avx2_fma_f16c(void) {
#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
#else
    return 0;
#endif
}

/* 1 when the CPU also has AVX-VNNI (vpdpbusd on ymm registers, VEX-encoded): the avxvnni module. */
static inline int interns_cpu_has_avx_vnni(void) {
#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__) && (__GNUC__ >= 11)
    return interns_cpu_has_avx2_fma_f16c() && __builtin_cpu_supports("avxvnni");
#else
    return 0;
#endif
}

/* 1 when the CPU (and OS) can run the AVX-512 build: F, BW, VL and VNNI. */
static inline int interns_cpu_has_avx512_vnni(void) {
#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__) && (__GNUC__ >= 11)
    return interns_cpu_has_avx2_fma_f16c() && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
           __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512vnni");
#else
    return 0;
#endif
}

/* IEEE half -> float without F16C (used by the portable path). */
static inline float interns_half_to_float(uint16_t h) {
    uint32_t sign = ((uint32_t)h & 0x8000u) << 16;
    uint32_t exponent = ((uint32_t)h >> 10) & 0x1fu;
    uint32_t mantissa = (uint32_t)h & 0x3ffu;
    uint32_t bits;
    if (exponent == 0) {
        if (mantissa == 0) {
            bits = sign;
        } else { /* subnormal half: normalise */
            exponent = 113;
            while (!(mantissa & 0x400u)) { mantissa <<= 1; exponent--; }
            mantissa &= 0x3ffu;
            bits = sign | (exponent << 23) | (mantissa << 13);
        }
    } else if (exponent == 31) {
        bits = sign | 0x7f800000u | (mantissa << 13);
    } else {
        bits = sign | ((exponent + 112u) << 23) | (mantissa << 13);
    }
    float f;
    memcpy(&f, &bits, sizeof f);
    return f;
}

#endif
