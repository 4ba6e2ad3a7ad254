/* 512-bit int4 and int8 tiles for the AVX-512 build (_avx512vnni: -mavx512f -mavx512bw -mavx512vl -mavx512vnni).
 *
 * Two adjacent 8-row tiles side by side in one zmm register (tile t in the low 256 bits, t + 1 in the
 * high), so one vpdpbusd multiplies 16 rows by 4 activations: half the instructions of the ymm tiles for
 * prompts and batches. Per row the arithmetic is the ymm kernel's exactly (exact integer group sums, then
 * the same two fused multiply-adds in the same order), so results are bit-identical across builds.
 * Other builds see a stub that reports the tiles as absent.
 */
#ifndef INTERNS_AVX512_TILES_H
#define INTERNS_AVX512_TILES_H

#include <stdint.h>

#if defined(__AVX512F__) && defined(__AVX512BW__) && defined(__AVX512VNNI__)
#include <immintrin.h>
#include <string.h>

static inline int interns_zmm_tiles(void) { return 1; }

static inline __m512i interns_bcast4_zmm(const int8_t *p) {
    int32_t v;
    memcpy(&v, p, 4);
    return _mm512_set1_epi32(v);
}

/* 16 fp16 values: 8 at a (tile t) then 8 at b (tile t + 1), as floats */
static inline __m512 interns_halves16(const uint8_t *a, const uint8_t *b) {
    __m256i both = _mm256_inserti128_si256(_mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)a)), _mm_loadu_si128((const __m128i *)b), 1);
    return _mm512_cvtph_ps(both);
}

/* columns [0, 4) of xq (row stride Kp) against the tile pair whose blocks start at b0 and b1 (160-byte
 * int4 blocks, G per tile); out (row stride `rows`) gets rows r0 .. r0 + 15 of the 4 columns */
static inline void interns_int4_pair_cols4_zmm(const uint8_t *blk0, const uint8_t *blk1, int64_t G, const int8_t *xq, const float *dx,
                                               const float *xs, float *out, int64_t rows, int64_t r0) {
    const int64_t Kp = G * 32;
    const __m512i mask = _mm512_set1_epi8(0x0F);
    __m512 acc[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()};
    for (int64_t g = 0; g < G; g++) {
        const uint8_t *b0 = blk0 + g * 160, *b1 = blk1 + g * 160;
        __m512i lo[4], hi[4];
        for (int j = 0; j < 4; j++) {
            __m512i v = _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)(b0 + 32 * j))), _mm256_loadu_si256((const __m256i *)(b1 + 32 * j)), 1);
            lo[j] = _mm512_and_si512(v, mask);
            hi[j] = _mm512_and_si512(_mm512_srli_epi16(v, 4), mask);
        }
        const __m512 d = interns_halves16(b0 + 128, b1 + 128);
        const __m512 m = interns_halves16(b0 + 144, b1 + 144);
        for (int c = 0; c < 4; c++) {
            const int8_t *x = xq + c * Kp + g * 32;
            __m512i s = _mm512_dpbusd_epi32(_mm512_setzero_si512(), lo[0], interns_bcast4_zmm(x));
            __m512i t = _mm512_dpbusd_epi32(_mm512_setzero_si512(), hi[0], interns_bcast4_zmm(x + 16));
            for (int j = 1; j < 4; j++) {
                s = _mm512_dpbusd_epi32(s, lo[j], interns_bcast4_zmm(x + 4 * j));
                t = _mm512_dpbusd_epi32(t, hi[j], interns_bcast4_zmm(x + 16 + 4 * j));
            }
            const __m512 sums = _mm512_cvtepi32_ps(_mm512_add_epi32(s, t));
            acc[c] = _mm512_fmadd_ps(sums, _mm512_mul_ps(d, _mm512_set1_ps(dx[c * G + g])), acc[c]);
            acc[c] = _mm512_fmadd_ps(m, _mm512_set1_ps(xs[c * G + g]), acc[c]);
        }
    }
    const int64_t valid = rows - r0 < 16 ? rows - r0 : 16; /* the last tile may be partial */
    const __mmask16 keep = (__mmask16)((1u << valid) - 1u);
    for (int c = 0; c < 4; c++) _mm512_mask_storeu_ps(out + c * rows + r0, keep, acc[c]);
}

/* the same for 8-bit (7-bit code) tiles: 288-byte blocks, codes in 8 registers of 32 bytes, scales at 256 */
static inline void interns_int8_pair_cols4_zmm(const uint8_t *blk0, const uint8_t *blk1, int64_t G, const int8_t *xq, const float *dx,
                                               const float *xs, float *out, int64_t rows, int64_t r0) {
    const int64_t Kp = G * 32;
    __m512 acc[4] = {_mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps(), _mm512_setzero_ps()};
    for (int64_t g = 0; g < G; g++) {
        const uint8_t *b0 = blk0 + g * 288, *b1 = blk1 + g * 288;
        __m512i w[8];
        for (int j = 0; j < 8; j++)
            w[j] = _mm512_inserti64x4(_mm512_castsi256_si512(_mm256_loadu_si256((const __m256i *)(b0 + 32 * j))), _mm256_loadu_si256((const __m256i *)(b1 + 32 * j)), 1);
        const __m512 d = interns_halves16(b0 + 256, b1 + 256);
        const __m512 m = interns_halves16(b0 + 272, b1 + 272);
        for (int c = 0; c < 4; c++) {
            const int8_t *x = xq + c * Kp + g * 32;
            /* even and odd steps apart, added at the end: the ymm kernels' order, exact in int32 anyway */
            __m512i s = _mm512_setzero_si512(), u = _mm512_setzero_si512();
            for (int j = 0; j < 8; j += 2) {
                s = _mm512_dpbusd_epi32(s, w[j], interns_bcast4_zmm(x + 4 * j));
                u = _mm512_dpbusd_epi32(u, w[j + 1], interns_bcast4_zmm(x + 4 * j + 4));
            }
            const __m512 sums = _mm512_cvtepi32_ps(_mm512_add_epi32(s, u));
            acc[c] = _mm512_fmadd_ps(sums, _mm512_mul_ps(d, _mm512_set1_ps(dx[c * G + g])), acc[c]);
            acc[c] = _mm512_fmadd_ps(m, _mm512_set1_ps(xs[c * G + g]), acc[c]);
        }
    }
    const int64_t valid = rows - r0 < 16 ? rows - r0 : 16;
    const __mmask16 keep = (__mmask16)((1u << valid) - 1u);
    for (int c = 0; c < 4; c++) _mm512_mask_storeu_ps(out + c * rows + r0, keep, acc[c]);
}

#else
static inline int interns_zmm_tiles(void) { return 0; }
static inline void interns_int8_pair_cols4_zmm(const uint8_t *blk0, const uint8_t *blk1, int64_t G, const int8_t *xq, const float *dx,
                                               const float *xs, float *out, int64_t rows, int64_t r0) {
    (void)blk0; (void)blk1; (void)G; (void)xq; (void)dx; (void)xs; (void)out; (void)rows; (void)r0;
}
static inline void interns_int4_pair_cols4_zmm(const uint8_t *blk0, const uint8_t *blk1, int64_t G, const int8_t *xq, const float *dx,
                                               const float *xs, float *out, int64_t rows, int64_t r0) {
    (void)blk0; (void)blk1; (void)G; (void)xq; (void)dx; (void)xs; (void)out; (void)rows; (void)r0;
}
#endif

#endif /* INTERNS_AVX512_TILES_H */
