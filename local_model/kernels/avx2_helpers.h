/* Small AVX2 helpers for the AVX2 kernel module (compiled with -mavx2 -mfma -mf16c only).
 * The matrix kernels themselves are Cython (int4_avx2.pyx); these are the horizontal reductions and
 * the int8 packing that are clumsy to spell in Cython.
 */
#ifndef INTERNS_AVX2_HELPERS_H
#define INTERNS_AVX2_HELPERS_H

#include <immintrin.h>
#include <stdint.h>
#include <string.h>

static inline float interns_hmax_ps(__m256 v) {
    __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
    m = _mm_max_ps(m, _mm_movehl_ps(m, m));
    m = _mm_max_ss(m, _mm_movehdup_ps(m));
    return _mm_cvtss_f32(m);
}

static inline int32_t interns_hsum_epi32(__m256i v) {
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
    return _mm_cvtsi128_si32(s);
}

/* Quantise 32 floats to int8 with one scale (amax/127), rounding to nearest even like np.rint.
 * Writes q[0..31], returns the scale, stores the sum of the 32 int8 values in *qsum. */
static inline float interns_quantize32_avx2(const float *x, int8_t *q, int32_t *qsum) {
    const __m256 sign = _mm256_set1_ps(-0.0f);
    __m256 v0 = _mm256_loadu_ps(x), v1 = _mm256_loadu_ps(x + 8);
    __m256 v2 = _mm256_loadu_ps(x + 16), v3 = _mm256_loadu_ps(x + 24);
    __m256 a = _mm256_max_ps(_mm256_max_ps(_mm256_andnot_ps(sign, v0), _mm256_andnot_ps(sign, v1)),
                             _mm256_max_ps(_mm256_andnot_ps(sign, v2), _mm256_andnot_ps(sign, v3)));
    float amax = interns_hmax_ps(a);
    float d = amax / 127.0f;
    float id = amax > 0.0f ? 127.0f / amax : 0.0f;
    __m256 mul = _mm256_set1_ps(id);
    __m256i i0 = _mm256_cvtps_epi32(_mm256_mul_ps(v0, mul));
    __m256i i1 = _mm256_cvtps_epi32(_mm256_mul_ps(v1, mul));
    __m256i i2 = _mm256_cvtps_epi32(_mm256_mul_ps(v2, mul));
    __m256i i3 = _mm256_cvtps_epi32(_mm256_mul_ps(v3, mul));
    *qsum = interns_hsum_epi32(_mm256_add_epi32(_mm256_add_epi32(i0, i1), _mm256_add_epi32(i2, i3)));
    /* packs work per 128-bit lane: undo the lane interleave with a dword permute */
    __m256i p = _mm256_packs_epi16(_mm256_packs_epi32(i0, i1), _mm256_packs_epi32(i2, i3));
    p = _mm256_permutevar8x32_epi32(p, _mm256_setr_epi32(0, 4, 1, 5, 2, 6, 3, 7));
    _mm256_storeu_si256((__m256i *)q, p);
    return d;
}

/* Products of unsigned weight codes and int8 activations, 4 bytes per 32-bit lane, summed per lane.
 * In the VNNI builds (the same source compiled with -mavxvnni, or with AVX-512 VNNI + VL) one vpdpbusd
 * does multiply, pairwise add and accumulate in int32; plain AVX2 needs maddubs (+ madd). Both give the
 * same exact integer sums, so the modules' results are identical.
 *   int4 codes (0..15): up to 8 steps may add up in int16 (8 * 2 * 15 * 127 < 32767), so the AVX2 form
 *     keeps int16 lanes and widens once at the end: interns_int4_first/_next, _merge, _sums.
 *   7-bit codes (0..127): a pair already reaches 32258, so each step widens: interns_int8_step.
 * vpdpbusd accumulates in place (5 cycles of latency): callers keep several accumulators in flight.
 * The _maddubs forms exist in every build: the decode (one column) kernel keeps them, since there
 * vpdpbusd's latency made it slower (0.79x on a 9728x896 GEMV); with several columns in flight
 * (batches, prompts) vpdpbusd wins (1.3-1.5x). */
static inline __m256i interns_int4_first_maddubs(__m256i w, __m256i x) { return _mm256_maddubs_epi16(w, x); }
static inline __m256i interns_int4_next_maddubs(__m256i acc, __m256i w, __m256i x) { return _mm256_add_epi16(acc, _mm256_maddubs_epi16(w, x)); }
static inline __m256i interns_int4_merge_maddubs(__m256i a, __m256i b) { return _mm256_add_epi16(a, b); }
static inline __m256i interns_int4_sums_maddubs(__m256i acc) { return _mm256_madd_epi16(acc, _mm256_set1_epi16(1)); }

#if defined(__AVXVNNI__) || (defined(__AVX512VNNI__) && defined(__AVX512VL__))
#ifdef __AVXVNNI__
#define INTERNS_DPBUSD256 _mm256_dpbusd_avx_epi32 /* VEX form (AVX-VNNI) */
#else
#define INTERNS_DPBUSD256 _mm256_dpbusd_epi32 /* EVEX form (AVX-512 VNNI + VL) */
#endif
static inline __m256i interns_int4_first(__m256i w, __m256i x) { return INTERNS_DPBUSD256(_mm256_setzero_si256(), w, x); }
static inline __m256i interns_int4_next(__m256i acc, __m256i w, __m256i x) { return INTERNS_DPBUSD256(acc, w, x); }
static inline __m256i interns_int4_merge(__m256i a, __m256i b) { return _mm256_add_epi32(a, b); }
static inline __m256i interns_int4_sums(__m256i acc) { return acc; }
static inline __m256i interns_int8_step(__m256i acc, __m256i w, __m256i x) { return INTERNS_DPBUSD256(acc, w, x); }
#else
static inline __m256i interns_int4_first(__m256i w, __m256i x) { return interns_int4_first_maddubs(w, x); }
static inline __m256i interns_int4_next(__m256i acc, __m256i w, __m256i x) { return interns_int4_next_maddubs(acc, w, x); }
static inline __m256i interns_int4_merge(__m256i a, __m256i b) { return interns_int4_merge_maddubs(a, b); }
static inline __m256i interns_int4_sums(__m256i acc) { return interns_int4_sums_maddubs(acc); }
static inline __m256i interns_int8_step(__m256i acc, __m256i w, __m256i x) {
    return _mm256_add_epi32(acc, _mm256_madd_epi16(_mm256_maddubs_epi16(w, x), _mm256_set1_epi16(1)));
}
#endif

/* The 4 int8 activations at p, repeated in every 32-bit lane (for the 8-row interleaved tiles). */
static inline __m256i interns_bcast4(const int8_t *p) {
    int32_t v;
    memcpy(&v, p, 4);
    return _mm256_set1_epi32(v);
}

#endif
