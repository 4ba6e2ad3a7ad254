# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""AVX2 + FMA + F16C kernels (compiled with -mavx2 -mfma -mf16c; import only after checking the CPU).

Layout (see layout.py): weights come in tiles of 8 output rows; a tile holds one block per group of
32 input columns. An int4 block is 160 bytes: 128 bytes of nibbles + 8 fp16 scales + 8 fp16 mins.
Nibble byte c*32 + 4*r + i (c = 0..3, r = row 0..7, i = 0..3) holds weight k = 4c + i of row r in its
low half and weight k = 16 + 4c + i in its high half. So after `and 0x0F` / `>> 4`, register j
(j = 0..7) holds k = 4j..4j+3 of all 8 rows, and a dword broadcast of activations 4j..4j+3 lines up:
one maddubs serves 8 rows. The eight maddubs of a group add up in int16 without overflow
(8 * 2 * 15 * 127 = 30480 < 32767) and a single madd leaves one int32 per row: no horizontal sums.
The 8-bit layout (288-byte blocks) has the same interleave with 7-bit codes, one madd per register.

Decode (few columns) walks tiles two by two so each activation broadcast feeds 16 rows; prompts and
batches (>= 4 columns) run 4 columns per unpacked block, in registers. Threads: thread_pool.h.
On Zen 1 a 256-bit maddubs costs 2 cycles on its single multiply pipe: 8 maddubs + 1 madd per
256 multiply-adds is the floor; everything else here is arranged around not adding to that pipe.
"""

from libc.stdint cimport uint8_t, int8_t, int32_t, int64_t
from libc.stdlib cimport malloc, free
from libc.string cimport memcpy, memset

cdef extern from "immintrin.h" nogil:
    ctypedef struct __m128i:
        pass
    ctypedef struct __m256i:
        pass
    ctypedef struct __m256:
        pass
    __m256i _mm256_loadu_si256(const __m256i*)
    __m128i _mm_loadu_si128(const __m128i*)
    __m256i _mm256_and_si256(__m256i, __m256i)
    __m256i _mm256_srli_epi16(__m256i, int)
    __m256i _mm256_set1_epi8(char)
    __m256i _mm256_set1_epi16(short)
    __m256i _mm256_maddubs_epi16(__m256i, __m256i)
    __m256i _mm256_madd_epi16(__m256i, __m256i)
    __m256i _mm256_add_epi16(__m256i, __m256i)
    __m256i _mm256_add_epi32(__m256i, __m256i)
    __m256 _mm256_cvtepi32_ps(__m256i)
    __m256 _mm256_cvtph_ps(__m128i)
    __m256 _mm256_fmadd_ps(__m256, __m256, __m256)
    __m256 _mm256_mul_ps(__m256, __m256)
    __m256 _mm256_set1_ps(float)
    __m256 _mm256_setzero_ps()
    __m256i _mm256_setzero_si256()
    void _mm256_storeu_ps(float*, __m256)
    void _mm_prefetch(const char*, int)
    enum: _MM_HINT_T0

cdef extern from "thread_pool.h" nogil:
    ctypedef void (*interns_chunk_fn)(void* ctx, long chunk) noexcept nogil
    void interns_pool_run(int nthreads, long nchunks, interns_chunk_fn fn, void* ctx)

cdef extern from "avx2_helpers.h" nogil:
    float interns_quantize32_avx2(const float* x, int8_t* q, int32_t* qsum)
    __m256i interns_bcast4(const int8_t* p)
    __m256i interns_int4_first(__m256i w, __m256i x)
    __m256i interns_int4_next(__m256i acc, __m256i w, __m256i x)
    __m256i interns_int4_merge(__m256i a, __m256i b)
    __m256i interns_int4_first_maddubs(__m256i w, __m256i x)
    __m256i interns_int4_next_maddubs(__m256i acc, __m256i w, __m256i x)
    __m256i interns_int4_merge_maddubs(__m256i a, __m256i b)
    __m256i interns_int4_sums_maddubs(__m256i acc)
    __m256i interns_int4_sums(__m256i acc)
    __m256i interns_int8_step(__m256i acc, __m256i w, __m256i x)

cdef enum:
    GROUP = 32
    TILE = 8
    INT4_BLOCK = 160
    INT8_BLOCK = 288
    COLUMN_BLOCK = 64  # GEMM columns per unit of work
    PREFETCH_BYTES = 1280  # 8 blocks ahead in each weight stream (a few % on cold weights, within noise)


# ---------------------------------------------------------------- activations: int8 per group of 32

cdef void quantize_row(const float* x, Py_ssize_t K, Py_ssize_t G, int8_t* xq, float* dx, float* xs) noexcept nogil:
    cdef Py_ssize_t g, full = K // GROUP
    cdef int32_t qsum
    cdef float d
    cdef float tail[GROUP]
    for g in range(full):
        d = interns_quantize32_avx2(x + g * GROUP, xq + g * GROUP, &qsum)
        dx[g] = d
        xs[g] = d * <float>qsum
    if full < G:  # the last group is partial: zero-padded activations contribute nothing
        memset(tail, 0, sizeof(tail))
        memcpy(tail, x + full * GROUP, (K - full * GROUP) * sizeof(float))
        d = interns_quantize32_avx2(tail, xq + full * GROUP, &qsum)
        dx[full] = d
        xs[full] = d * <float>qsum


ctypedef struct QuantJob:
    const float* x
    Py_ssize_t K
    Py_ssize_t G
    int8_t* xq
    float* dx
    float* xs


cdef void quantize_chunk(void* ctx, long i) noexcept nogil:
    cdef QuantJob* j = <QuantJob*>ctx
    quantize_row(j.x + i * j.K, j.K, j.G, j.xq + i * j.G * GROUP, j.dx + i * j.G, j.xs + i * j.G)


cdef void quantize_rows(const float* x, Py_ssize_t M, Py_ssize_t K, Py_ssize_t G,
                        int8_t* xq, float* dx, float* xs, int nthreads) noexcept nogil:
    cdef QuantJob job
    job.x = x
    job.K = K
    job.G = G
    job.xq = xq
    job.dx = dx
    job.xs = xs
    interns_pool_run(nthreads if M >= 4 else 1, M, quantize_chunk, &job)


# ---------------------------------------------------------------- shared tile plumbing

cdef inline void store_tile(float* out, __m256 acc, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    cdef float tmp[TILE]
    cdef Py_ssize_t r
    if r0 + TILE <= rows:
        _mm256_storeu_ps(out + r0, acc)
    else:  # last tile of a matrix whose rows are not a multiple of 8
        _mm256_storeu_ps(tmp, acc)
        for r in range(rows - r0):
            out[r0 + r] = tmp[r]


# ---------------------------------------------------------------- int4 x int8

cdef inline __m256 int4_column(__m256i w0, __m256i w1, __m256i w2, __m256i w3,
                               __m256i w4, __m256i w5, __m256i w6, __m256i w7,
                               const int8_t* x, __m256 d, __m256 m, float dx, float xs,
                               __m256 acc) noexcept nogil:
    """acc += d*dx * sum(q*xq) + m * (dx*sum(xq)) for the 8 rows of one group and one column."""
    cdef __m256i s
    cdef __m256i t
    s = interns_int4_first(w0, interns_bcast4(x))  # two accumulators in flight
    t = interns_int4_first(w4, interns_bcast4(x + 16))
    s = interns_int4_next(s, w1, interns_bcast4(x + 4))
    t = interns_int4_next(t, w5, interns_bcast4(x + 20))
    s = interns_int4_next(s, w2, interns_bcast4(x + 8))
    t = interns_int4_next(t, w6, interns_bcast4(x + 24))
    s = interns_int4_next(s, w3, interns_bcast4(x + 12))
    t = interns_int4_next(t, w7, interns_bcast4(x + 28))
    acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(interns_int4_sums(interns_int4_merge(s, t))),
                          _mm256_mul_ps(d, _mm256_set1_ps(dx)), acc)
    return _mm256_fmadd_ps(m, _mm256_set1_ps(xs), acc)


cdef void int4_tile_cols4(const uint8_t* blk, Py_ssize_t G, const int8_t* xq, const float* dx,
                          const float* xs, float* out, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    """Four activation columns against one 8-row tile: each unpacked block is used 4 times."""
    cdef Py_ssize_t g, Kp = G * GROUP
    cdef __m256i mask = _mm256_set1_epi8(0x0F)
    cdef __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps()
    cdef __m256 a2 = _mm256_setzero_ps(), a3 = _mm256_setzero_ps()
    cdef __m256i v, w0, w1, w2, w3, w4, w5, w6, w7
    cdef __m256 d, m
    cdef const uint8_t* b
    cdef const int8_t* x
    for g in range(G):
        b = blk + g * INT4_BLOCK
        v = _mm256_loadu_si256(<const __m256i*>b)
        w0 = _mm256_and_si256(v, mask)
        w4 = _mm256_and_si256(_mm256_srli_epi16(v, 4), mask)
        v = _mm256_loadu_si256(<const __m256i*>(b + 32))
        w1 = _mm256_and_si256(v, mask)
        w5 = _mm256_and_si256(_mm256_srli_epi16(v, 4), mask)
        v = _mm256_loadu_si256(<const __m256i*>(b + 64))
        w2 = _mm256_and_si256(v, mask)
        w6 = _mm256_and_si256(_mm256_srli_epi16(v, 4), mask)
        v = _mm256_loadu_si256(<const __m256i*>(b + 96))
        w3 = _mm256_and_si256(v, mask)
        w7 = _mm256_and_si256(_mm256_srli_epi16(v, 4), mask)
        d = _mm256_cvtph_ps(_mm_loadu_si128(<const __m128i*>(b + 128)))
        m = _mm256_cvtph_ps(_mm_loadu_si128(<const __m128i*>(b + 144)))
        x = xq + g * GROUP
        a0 = int4_column(w0, w1, w2, w3, w4, w5, w6, w7, x, d, m, dx[g], xs[g], a0)
        a1 = int4_column(w0, w1, w2, w3, w4, w5, w6, w7, x + Kp, d, m, dx[G + g], xs[G + g], a1)
        a2 = int4_column(w0, w1, w2, w3, w4, w5, w6, w7, x + 2 * Kp, d, m, dx[2 * G + g], xs[2 * G + g], a2)
        a3 = int4_column(w0, w1, w2, w3, w4, w5, w6, w7, x + 3 * Kp, d, m, dx[3 * G + g], xs[3 * G + g], a3)
    store_tile(out, a0, rows, r0)
    store_tile(out + rows, a1, rows, r0)
    store_tile(out + 2 * rows, a2, rows, r0)
    store_tile(out + 3 * rows, a3, rows, r0)


cdef void int4_tile_cols2(const uint8_t* blk, Py_ssize_t G, const int8_t* xq, const float* dx,
                          const float* xs, float* out, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    """Two activation columns (small decode batches) against one 8-row tile."""
    cdef Py_ssize_t g, Kp = G * GROUP
    cdef __m256i mask = _mm256_set1_epi8(0x0F)
    cdef __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps()
    cdef __m256i v, w0, w1, w2, w3, w4, w5, w6, w7
    cdef __m256 d, m
    cdef const uint8_t* b
    cdef const int8_t* x
    for g in range(G):
        b = blk + g * INT4_BLOCK
        v = _mm256_loadu_si256(<const __m256i*>b)
        w0 = _mm256_and_si256(v, mask)
        w4 = _mm256_and_si256(_mm256_srli_epi16(v, 4), mask)
        v = _mm256_loadu_si256(<const __m256i*>(b + 32))
        w1 = _mm256_and_si256(v, mask)
        w5 = _mm256_and_si256(_mm256_srli_epi16(v, 4), mask)
        v = _mm256_loadu_si256(<const __m256i*>(b + 64))
        w2 = _mm256_and_si256(v, mask)
        w6 = _mm256_and_si256(_mm256_srli_epi16(v, 4), mask)
        v = _mm256_loadu_si256(<const __m256i*>(b + 96))
        w3 = _mm256_and_si256(v, mask)
        w7 = _mm256_and_si256(_mm256_srli_epi16(v, 4), mask)
        d = _mm256_cvtph_ps(_mm_loadu_si128(<const __m128i*>(b + 128)))
        m = _mm256_cvtph_ps(_mm_loadu_si128(<const __m128i*>(b + 144)))
        x = xq + g * GROUP
        a0 = int4_column(w0, w1, w2, w3, w4, w5, w6, w7, x, d, m, dx[g], xs[g], a0)
        a1 = int4_column(w0, w1, w2, w3, w4, w5, w6, w7, x + Kp, d, m, dx[G + g], xs[G + g], a1)
    store_tile(out, a0, rows, r0)
    store_tile(out + rows, a1, rows, r0)


cdef void int4_tile_cols1(const uint8_t* blk, Py_ssize_t G, const int8_t* xq, const float* dx,
                          const float* xs, float* out, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    """One activation column (decode) against one 8-row tile."""
    cdef Py_ssize_t g
    cdef __m256i mask = _mm256_set1_epi8(0x0F)
    cdef __m256 a0 = _mm256_setzero_ps()
    cdef __m256i v, w0, w1, w2, w3, w4, w5, w6, w7
    cdef __m256 d, m
    cdef const uint8_t* b
    for g in range(G):
        b = blk + g * INT4_BLOCK
        v = _mm256_loadu_si256(<const __m256i*>b)
        w0 = _mm256_and_si256(v, mask)
        w4 = _mm256_and_si256(_mm256_srli_epi16(v, 4), mask)
        v = _mm256_loadu_si256(<const __m256i*>(b + 32))
        w1 = _mm256_and_si256(v, mask)
        w5 = _mm256_and_si256(_mm256_srli_epi16(v, 4), mask)
        v = _mm256_loadu_si256(<const __m256i*>(b + 64))
        w2 = _mm256_and_si256(v, mask)
        w6 = _mm256_and_si256(_mm256_srli_epi16(v, 4), mask)
        v = _mm256_loadu_si256(<const __m256i*>(b + 96))
        w3 = _mm256_and_si256(v, mask)
        w7 = _mm256_and_si256(_mm256_srli_epi16(v, 4), mask)
        d = _mm256_cvtph_ps(_mm_loadu_si128(<const __m128i*>(b + 128)))
        m = _mm256_cvtph_ps(_mm_loadu_si128(<const __m128i*>(b + 144)))
        a0 = int4_column(w0, w1, w2, w3, w4, w5, w6, w7, xq + g * GROUP, d, m, dx[g], xs[g], a0)
    store_tile(out, a0, rows, r0)


cdef inline __m256i int4_unpack_lo(const uint8_t* b, __m256i mask) noexcept nogil:
    return _mm256_and_si256(_mm256_loadu_si256(<const __m256i*>b), mask)


cdef inline __m256i int4_unpack_hi(const uint8_t* b, __m256i mask) noexcept nogil:
    return _mm256_and_si256(_mm256_srli_epi16(_mm256_loadu_si256(<const __m256i*>b), 4), mask)


cdef void int4_pair_cols1(const uint8_t* blk, Py_ssize_t G, const int8_t* xq, const float* dx,
                          const float* xs, float* out, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    """One activation column (decode) against two adjacent 8-row tiles (16 rows): each broadcast of
    activations feeds two maddubs, and the two weight streams are prefetched ahead."""
    cdef Py_ssize_t g, j, tile_bytes = G * INT4_BLOCK
    cdef __m256i mask = _mm256_set1_epi8(0x0F)
    cdef __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps(), scale, xsum
    cdef __m256i s0, s1, t0, t1, xl, xh
    cdef const uint8_t* b0
    cdef const uint8_t* b1
    cdef const int8_t* x
    for g in range(G):
        b0 = blk + g * INT4_BLOCK
        b1 = b0 + tile_bytes
        _mm_prefetch(<const char*>(b0 + PREFETCH_BYTES), _MM_HINT_T0)
        _mm_prefetch(<const char*>(b0 + PREFETCH_BYTES + 64), _MM_HINT_T0)
        _mm_prefetch(<const char*>(b0 + PREFETCH_BYTES + 128), _MM_HINT_T0)
        _mm_prefetch(<const char*>(b1 + PREFETCH_BYTES), _MM_HINT_T0)
        _mm_prefetch(<const char*>(b1 + PREFETCH_BYTES + 64), _MM_HINT_T0)
        _mm_prefetch(<const char*>(b1 + PREFETCH_BYTES + 128), _MM_HINT_T0)
        x = xq + g * GROUP
        # four accumulators in flight: low and high nibbles of each tile
        xl = interns_bcast4(x)
        xh = interns_bcast4(x + 16)
        s0 = interns_int4_first_maddubs(int4_unpack_lo(b0, mask), xl)
        s1 = interns_int4_first_maddubs(int4_unpack_lo(b1, mask), xl)
        t0 = interns_int4_first_maddubs(int4_unpack_hi(b0, mask), xh)
        t1 = interns_int4_first_maddubs(int4_unpack_hi(b1, mask), xh)
        for j in range(1, 4):
            xl = interns_bcast4(x + 4 * j)
            xh = interns_bcast4(x + 16 + 4 * j)
            s0 = interns_int4_next_maddubs(s0, int4_unpack_lo(b0 + 32 * j, mask), xl)
            s1 = interns_int4_next_maddubs(s1, int4_unpack_lo(b1 + 32 * j, mask), xl)
            t0 = interns_int4_next_maddubs(t0, int4_unpack_hi(b0 + 32 * j, mask), xh)
            t1 = interns_int4_next_maddubs(t1, int4_unpack_hi(b1 + 32 * j, mask), xh)
        scale = _mm256_set1_ps(dx[g])
        xsum = _mm256_set1_ps(xs[g])
        a0 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(interns_int4_sums_maddubs(interns_int4_merge_maddubs(s0, t0))),
                             _mm256_mul_ps(_mm256_cvtph_ps(_mm_loadu_si128(<const __m128i*>(b0 + 128))), scale), a0)
        a1 = _mm256_fmadd_ps(_mm256_cvtepi32_ps(interns_int4_sums_maddubs(interns_int4_merge_maddubs(s1, t1))),
                             _mm256_mul_ps(_mm256_cvtph_ps(_mm_loadu_si128(<const __m128i*>(b1 + 128))), scale), a1)
        a0 = _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_loadu_si128(<const __m128i*>(b0 + 144))), xsum, a0)
        a1 = _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_loadu_si128(<const __m128i*>(b1 + 144))), xsum, a1)
    store_tile(out, a0, rows, r0)
    store_tile(out, a1, rows, r0 + TILE)


cdef void int4_tile(const uint8_t* blk, Py_ssize_t G, const int8_t* xq, const float* dx, const float* xs,
                    Py_ssize_t M, float* out, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    cdef Py_ssize_t c = 0, Kp = G * GROUP
    while c + 4 <= M:
        int4_tile_cols4(blk, G, xq + c * Kp, dx + c * G, xs + c * G, out + c * rows, rows, r0)
        c += 4
    if c + 2 <= M:
        int4_tile_cols2(blk, G, xq + c * Kp, dx + c * G, xs + c * G, out + c * rows, rows, r0)
        c += 2
    while c < M:
        int4_tile_cols1(blk, G, xq + c * Kp, dx + c * G, xs + c * G, out + c * rows, rows, r0)
        c += 1


# ---------------------------------------------------------------- int8 (7-bit codes) x int8

cdef inline __m256i int8_dot(__m256i s, const uint8_t* b, __m256i xb) noexcept nogil:
    # codes 0..127 times int8: |pair| <= 2 * 127 * 127 = 32258 fits int16, so no sign trick is needed
    return interns_int8_step(s, _mm256_loadu_si256(<const __m256i*>b), xb)


cdef inline __m256 scale_add(__m256i s, const uint8_t* b, float dx, float xs, __m256 acc) noexcept nogil:
    """acc += d*dx*s + m*xs with the block's 8 fp16 scales at b and 8 fp16 mins at b + 16."""
    acc = _mm256_fmadd_ps(_mm256_cvtepi32_ps(s),
                          _mm256_mul_ps(_mm256_cvtph_ps(_mm_loadu_si128(<const __m128i*>b)), _mm256_set1_ps(dx)), acc)
    return _mm256_fmadd_ps(_mm256_cvtph_ps(_mm_loadu_si128(<const __m128i*>(b + 16))), _mm256_set1_ps(xs), acc)


cdef void int8_pair_cols1(const uint8_t* blk, Py_ssize_t G, const int8_t* xq, const float* dx,
                          const float* xs, float* out, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    """One column against two adjacent 8-row tiles: each activation broadcast feeds two rows sets."""
    cdef Py_ssize_t g, j, tile_bytes = G * INT8_BLOCK
    cdef __m256 a0 = _mm256_setzero_ps(), a1 = _mm256_setzero_ps()
    cdef __m256i s0, s1, u0, u1, xb, xc
    cdef const uint8_t* b0
    cdef const uint8_t* b1
    cdef const int8_t* x
    for g in range(G):
        b0 = blk + g * INT8_BLOCK
        b1 = b0 + tile_bytes
        x = xq + g * GROUP
        s0 = _mm256_setzero_si256()
        s1 = _mm256_setzero_si256()
        u0 = _mm256_setzero_si256()
        u1 = _mm256_setzero_si256()
        for j in range(0, 8, 2):  # even and odd steps in separate accumulators: four in flight
            xb = interns_bcast4(x + 4 * j)
            xc = interns_bcast4(x + 4 * j + 4)
            s0 = int8_dot(s0, b0 + 32 * j, xb)
            s1 = int8_dot(s1, b1 + 32 * j, xb)
            u0 = int8_dot(u0, b0 + 32 * j + 32, xc)
            u1 = int8_dot(u1, b1 + 32 * j + 32, xc)
        a0 = scale_add(_mm256_add_epi32(s0, u0), b0 + 256, dx[g], xs[g], a0)
        a1 = scale_add(_mm256_add_epi32(s1, u1), b1 + 256, dx[g], xs[g], a1)
    store_tile(out, a0, rows, r0)
    store_tile(out, a1, rows, r0 + TILE)


cdef void int8_tile_cols1(const uint8_t* blk, Py_ssize_t G, const int8_t* xq, const float* dx,
                          const float* xs, float* out, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    cdef Py_ssize_t g, j
    cdef __m256 a0 = _mm256_setzero_ps()
    cdef __m256i s0, u0
    cdef const uint8_t* b
    for g in range(G):
        b = blk + g * INT8_BLOCK
        s0 = _mm256_setzero_si256()
        u0 = _mm256_setzero_si256()
        for j in range(0, 8, 2):
            s0 = int8_dot(s0, b + 32 * j, interns_bcast4(xq + g * GROUP + 4 * j))
            u0 = int8_dot(u0, b + 32 * j + 32, interns_bcast4(xq + g * GROUP + 4 * j + 4))
        a0 = scale_add(_mm256_add_epi32(s0, u0), b + 256, dx[g], xs[g], a0)
    store_tile(out, a0, rows, r0)


cdef void int8_tile(const uint8_t* blk, Py_ssize_t G, const int8_t* xq, const float* dx, const float* xs,
                    Py_ssize_t M, float* out, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    """Columns two at a time: each loaded weight register serves both."""
    cdef Py_ssize_t c = 0, g, j, Kp = G * GROUP
    cdef __m256 a0, a1
    cdef __m256i s0, s1, u0, u1, w, v
    cdef const uint8_t* b
    cdef const int8_t* x
    while c + 2 <= M:
        a0 = _mm256_setzero_ps()
        a1 = _mm256_setzero_ps()
        for g in range(G):
            b = blk + g * INT8_BLOCK
            x = xq + c * Kp + g * GROUP
            s0 = _mm256_setzero_si256()
            s1 = _mm256_setzero_si256()
            u0 = _mm256_setzero_si256()
            u1 = _mm256_setzero_si256()
            for j in range(0, 8, 2):  # even and odd steps in separate accumulators: four in flight
                w = _mm256_loadu_si256(<const __m256i*>(b + 32 * j))
                v = _mm256_loadu_si256(<const __m256i*>(b + 32 * j + 32))
                s0 = interns_int8_step(s0, w, interns_bcast4(x + 4 * j))
                s1 = interns_int8_step(s1, w, interns_bcast4(x + Kp + 4 * j))
                u0 = interns_int8_step(u0, v, interns_bcast4(x + 4 * j + 4))
                u1 = interns_int8_step(u1, v, interns_bcast4(x + Kp + 4 * j + 4))
            a0 = scale_add(_mm256_add_epi32(s0, u0), b + 256, dx[c * G + g], xs[c * G + g], a0)
            a1 = scale_add(_mm256_add_epi32(s1, u1), b + 256, dx[(c + 1) * G + g], xs[(c + 1) * G + g], a1)
        store_tile(out + c * rows, a0, rows, r0)
        store_tile(out + (c + 1) * rows, a1, rows, r0)
        c += 2
    if c < M:
        int8_tile_cols1(blk, G, xq + c * Kp, dx + c * G, xs + c * G, out + c * rows, rows, r0)


# ---------------------------------------------------------------- drivers (thread pool over row tiles)

ctypedef void (*pair_kernel)(const uint8_t*, Py_ssize_t, const int8_t*, const float*, const float*,
                             float*, Py_ssize_t, Py_ssize_t) noexcept nogil
ctypedef void (*tile_kernel)(const uint8_t*, Py_ssize_t, const int8_t*, const float*, const float*,
                             Py_ssize_t, float*, Py_ssize_t, Py_ssize_t) noexcept nogil

ctypedef struct GemmJob:
    pair_kernel pair
    pair_kernel single
    tile_kernel tile
    const uint8_t* blocks
    Py_ssize_t T
    Py_ssize_t G
    Py_ssize_t block_bytes
    Py_ssize_t rows
    const int8_t* xq
    const float* dx
    const float* xs
    Py_ssize_t M
    float* out
    Py_ssize_t units  # pairs of tiles or tiles
    Py_ssize_t per_chunk


cdef void pairs_chunk(void* ctx, long chunk) noexcept nogil:
    """Tiles two by two (the last odd tile alone), every column; a chunk is a run of pairs."""
    cdef GemmJob* j = <GemmJob*>ctx
    cdef Py_ssize_t p, c, t, Kp = j.G * GROUP
    for p in range(chunk * j.per_chunk, min(j.units, (chunk + 1) * j.per_chunk)):
        t = 2 * p
        for c in range(j.M):
            if t + 1 < j.T:
                j.pair(j.blocks + t * j.G * j.block_bytes, j.G, j.xq + c * Kp, j.dx + c * j.G, j.xs + c * j.G,
                       j.out + c * j.rows, j.rows, t * TILE)
            else:
                j.single(j.blocks + t * j.G * j.block_bytes, j.G, j.xq + c * Kp, j.dx + c * j.G, j.xs + c * j.G,
                         j.out + c * j.rows, j.rows, t * TILE)


cdef void tiles_chunk(void* ctx, long chunk) noexcept nogil:
    """A unit is one 8-row tile against a block of up to COLUMN_BLOCK columns: the block's quantised
    activations (<= 64 x K bytes) stay in L2 while all tiles stream past them."""
    cdef GemmJob* j = <GemmJob*>ctx
    cdef Py_ssize_t u, t, c0, Kp = j.G * GROUP
    for u in range(chunk * j.per_chunk, min(j.units, (chunk + 1) * j.per_chunk)):
        t = u % j.T
        c0 = (u // j.T) * COLUMN_BLOCK
        j.tile(j.blocks + t * j.G * j.block_bytes, j.G, j.xq + c0 * Kp, j.dx + c0 * j.G, j.xs + c0 * j.G,
               min(<Py_ssize_t>COLUMN_BLOCK, j.M - c0), j.out + c0 * j.rows, j.rows, t * TILE)


cdef void run_gemm(GemmJob* job, bint pairs, int nthreads) noexcept nogil:
    """Split into ~8 chunks per thread: small enough to balance and to bound what a preempted worker
    holds up, big enough to stream weights sequentially."""
    job.units = (job.T + 1) // 2 if pairs else job.T * ((job.M + COLUMN_BLOCK - 1) // COLUMN_BLOCK)
    job.per_chunk = max(1, job.units // (8 * max(1, nthreads)))
    interns_pool_run(nthreads, (job.units + job.per_chunk - 1) // job.per_chunk,
                     pairs_chunk if pairs else tiles_chunk, job)


cdef inline GemmJob make_job(const uint8_t* blocks, Py_ssize_t T, Py_ssize_t G, Py_ssize_t block_bytes,
                             Py_ssize_t rows, const int8_t* xq, const float* dx, const float* xs,
                             Py_ssize_t M, float* out) noexcept nogil:
    cdef GemmJob job
    job.blocks = blocks
    job.T = T
    job.G = G
    job.block_bytes = block_bytes
    job.rows = rows
    job.xq = xq
    job.dx = dx
    job.xs = xs
    job.M = M
    job.out = out
    return job


cdef extern from "avx512_tiles.h" nogil:
    int interns_zmm_tiles()
    void interns_int4_pair_cols4_zmm(const uint8_t* blk0, const uint8_t* blk1, int64_t G, const int8_t* xq,
                                     const float* dx, const float* xs, float* out, int64_t rows, int64_t r0)
    void interns_int8_pair_cols4_zmm(const uint8_t* blk0, const uint8_t* blk1, int64_t G, const int8_t* xq,
                                     const float* dx, const float* xs, float* out, int64_t rows, int64_t r0)


ctypedef void (*zmm_pair_kernel)(const uint8_t*, const uint8_t*, int64_t, const int8_t*, const float*, const float*,
                                 float*, int64_t, int64_t) noexcept nogil


cdef inline void zmm_tile_pairs(zmm_pair_kernel pair, tile_kernel tile, Py_ssize_t block_bytes, const uint8_t* blk,
                                Py_ssize_t G, const int8_t* xq, const float* dx, const float* xs, Py_ssize_t M,
                                float* out, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    """The AVX-512 build: tiles two by two in zmm registers (avx512_tiles.h), 4 columns at a time. The unit
    of an even tile does its odd neighbour too; the odd tile's own unit has nothing left to do."""
    cdef Py_ssize_t c = 0, Kp = G * GROUP
    cdef const uint8_t* blk1 = blk + G * block_bytes
    if (r0 // TILE) % 2 == 1:
        return
    if r0 + TILE >= rows:  # the last tile, without a neighbour
        tile(blk, G, xq, dx, xs, M, out, rows, r0)
        return
    while c + 4 <= M:
        pair(blk, blk1, G, xq + c * Kp, dx + c * G, xs + c * G, out + c * rows, rows, r0)
        c += 4
    if c < M:
        tile(blk, G, xq + c * Kp, dx + c * G, xs + c * G, M - c, out + c * rows, rows, r0)
        tile(blk1, G, xq + c * Kp, dx + c * G, xs + c * G, M - c, out + c * rows, rows, r0 + TILE)


cdef void int4_tile_zmm(const uint8_t* blk, Py_ssize_t G, const int8_t* xq, const float* dx, const float* xs,
                        Py_ssize_t M, float* out, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    zmm_tile_pairs(interns_int4_pair_cols4_zmm, int4_tile, INT4_BLOCK, blk, G, xq, dx, xs, M, out, rows, r0)


cdef void int8_tile_zmm(const uint8_t* blk, Py_ssize_t G, const int8_t* xq, const float* dx, const float* xs,
                        Py_ssize_t M, float* out, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    zmm_tile_pairs(interns_int8_pair_cols4_zmm, int8_tile, INT8_BLOCK, blk, G, xq, dx, xs, M, out, rows, r0)


cdef void int4_gemm(const uint8_t* blocks, Py_ssize_t T, Py_ssize_t G, Py_ssize_t rows,
                    const int8_t* xq, const float* dx, const float* xs, Py_ssize_t M,
                    float* out, int nthreads) noexcept nogil:
    cdef GemmJob job = make_job(blocks, T, G, INT4_BLOCK, rows, xq, dx, xs, M, out)
    job.pair = int4_pair_cols1
    job.single = int4_tile_cols1
    job.tile = int4_tile_zmm if interns_zmm_tiles() else int4_tile
    run_gemm(&job, M == 1, nthreads)


cdef void int8_gemm(const uint8_t* blocks, Py_ssize_t T, Py_ssize_t G, Py_ssize_t rows,
                    const int8_t* xq, const float* dx, const float* xs, Py_ssize_t M,
                    float* out, int nthreads) noexcept nogil:
    cdef GemmJob job = make_job(blocks, T, G, INT8_BLOCK, rows, xq, dx, xs, M, out)
    job.pair = int8_pair_cols1
    job.single = int8_tile_cols1
    job.tile = int8_tile_zmm if interns_zmm_tiles() else int8_tile
    run_gemm(&job, M < 2, nthreads)


include "entry_points.pxi"
