# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True, initializedcheck=False
"""Portable kernels (plain C, no -mavx2): the fallback on CPUs without AVX2/FMA/F16C, and the module
that asks the CPU what it supports before the AVX2 module is ever imported.

Same block layout and the same arithmetic as _avx2.pyx (int8 activations per group of 32, integer dot
products per group, float scale/min per group), so both backends agree to float rounding.
"""

from libc.stdint cimport uint8_t, int8_t, int32_t, int64_t, uint16_t
from libc.stdlib cimport malloc, free
from libc.string cimport memcpy, memset
from libc.math cimport fabsf

cdef extern from "thread_pool.h" nogil:
    ctypedef void (*interns_chunk_fn)(void* ctx, long chunk) noexcept nogil
    void interns_pool_run(int nthreads, long nchunks, interns_chunk_fn fn, void* ctx)

cdef extern from "cpu_features.h" nogil:
    int interns_cpu_has_avx2_fma_f16c()
    int interns_cpu_has_avx_vnni()
    int interns_cpu_has_avx512_vnni()
    float interns_half_to_float(uint16_t h)

cdef inline float round_even(float v) noexcept nogil:
    """Round half to even like np.rint for |v| < 2**22, without a libm call (nearbyintf is one on
    baseline x86-64, which has no SSE4.1 roundss): adding 1.5 * 2**23 leaves no fraction bits."""
    cdef float shifted = v + <float>12582912.0  # not folded: gcc keeps IEEE semantics without -ffast-math
    return shifted - <float>12582912.0


cdef enum:
    GROUP = 32
    TILE = 8
    INT4_BLOCK = 160
    INT8_BLOCK = 288


def cpu_has_avx2() -> bool:
    """True when this CPU and OS can run the AVX2 + FMA + F16C module."""
    return interns_cpu_has_avx2_fma_f16c() != 0


def cpu_has_avx512_vnni() -> bool:
    """True when this CPU can run the AVX-512 module (AVX-512 F, BW, VL, VNNI)."""
    return interns_cpu_has_avx512_vnni() != 0


def cpu_has_avx_vnni() -> bool:
    """True when this CPU can also run the AVX-VNNI module (AVX2 + vpdpbusd)."""
    return interns_cpu_has_avx_vnni() != 0


# ---------------------------------------------------------------- activations: int8 per group of 32

cdef void quantize_row(const float* x, Py_ssize_t K, Py_ssize_t G, int8_t* xq, float* dx, float* xs) noexcept nogil:
    cdef Py_ssize_t g, i, n
    cdef float amax, d, inv, v
    cdef int32_t qsum, q
    for g in range(G):
        n = K - g * GROUP
        if n > GROUP:
            n = GROUP
        amax = 0.0
        for i in range(n):
            v = fabsf(x[g * GROUP + i])
            if v > amax:
                amax = v
        d = amax / 127.0
        inv = 127.0 / amax if amax > 0.0 else 0.0
        qsum = 0
        for i in range(GROUP):
            q = <int32_t>round_even(x[g * GROUP + i] * inv) if i < n else 0
            xq[g * GROUP + i] = <int8_t>q
            qsum += q
        dx[g] = d
        xs[g] = d * <float>qsum


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


ctypedef void (*tile_kernel)(const uint8_t*, Py_ssize_t, const int8_t*, const float*, const float*,
                             Py_ssize_t, float*, Py_ssize_t, Py_ssize_t) noexcept nogil

ctypedef struct GemmJob:
    tile_kernel tile
    const uint8_t* blocks
    Py_ssize_t G
    Py_ssize_t block_bytes
    Py_ssize_t rows
    const int8_t* xq
    const float* dx
    const float* xs
    Py_ssize_t M
    float* out


cdef void tile_chunk(void* ctx, long t) noexcept nogil:
    cdef GemmJob* j = <GemmJob*>ctx
    j.tile(j.blocks + t * j.G * j.block_bytes, j.G, j.xq, j.dx, j.xs, j.M, j.out, j.rows, t * TILE)


cdef void run_tiles(tile_kernel tile, const uint8_t* blocks, Py_ssize_t T, Py_ssize_t G, Py_ssize_t block_bytes,
                    Py_ssize_t rows, const int8_t* xq, const float* dx, const float* xs, Py_ssize_t M,
                    float* out, int nthreads) noexcept nogil:
    cdef GemmJob job
    job.tile = tile
    job.blocks = blocks
    job.G = G
    job.block_bytes = block_bytes
    job.rows = rows
    job.xq = xq
    job.dx = dx
    job.xs = xs
    job.M = M
    job.out = out
    interns_pool_run(nthreads, T, tile_chunk, &job)


cdef inline void store_tile(float* out, const float* acc, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    cdef Py_ssize_t r
    for r in range(min(<Py_ssize_t>TILE, rows - r0)):
        out[r0 + r] = acc[r]


# ---------------------------------------------------------------- int4 x int8

cdef void int4_tile(const uint8_t* blk, Py_ssize_t G, const int8_t* xq, const float* dx, const float* xs,
                    Py_ssize_t M, float* out, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    cdef Py_ssize_t c, g, r, k, Kp = G * GROUP
    cdef uint8_t q[TILE][GROUP]
    cdef float d[TILE]
    cdef float m[TILE]
    cdef int32_t isum
    cdef uint8_t byte
    cdef const uint8_t* b
    cdef const int8_t* x
    cdef float* acc = <float*>malloc(M * TILE * sizeof(float))
    if acc == NULL:
        return
    memset(acc, 0, M * TILE * sizeof(float))
    for g in range(G):
        b = blk + g * INT4_BLOCK
        for r in range(TILE):
            for k in range(16):  # byte (k // 4) * 32 + 4 r + k % 4: low nibble k, high nibble k + 16
                byte = b[(k // 4) * 32 + 4 * r + k % 4]
                q[r][k] = byte & 0x0F
                q[r][k + 16] = byte >> 4
            d[r] = interns_half_to_float((<const uint16_t*>(b + 128))[r])
            m[r] = interns_half_to_float((<const uint16_t*>(b + 144))[r])
        for c in range(M):
            x = xq + c * Kp + g * GROUP
            for r in range(TILE):
                isum = 0
                for k in range(GROUP):
                    isum = isum + <int32_t>q[r][k] * <int32_t>x[k]
                acc[c * TILE + r] += d[r] * dx[c * G + g] * <float>isum + m[r] * xs[c * G + g]
    for c in range(M):
        store_tile(out + c * rows, acc + c * TILE, rows, r0)
    free(acc)


cdef void int4_gemm(const uint8_t* blocks, Py_ssize_t T, Py_ssize_t G, Py_ssize_t rows,
                    const int8_t* xq, const float* dx, const float* xs, Py_ssize_t M,
                    float* out, int nthreads) noexcept nogil:
    run_tiles(int4_tile, blocks, T, G, INT4_BLOCK, rows, xq, dx, xs, M, out, nthreads)


# ---------------------------------------------------------------- int8 (7-bit codes) x int8

cdef void int8_tile(const uint8_t* blk, Py_ssize_t G, const int8_t* xq, const float* dx, const float* xs,
                    Py_ssize_t M, float* out, Py_ssize_t rows, Py_ssize_t r0) noexcept nogil:
    cdef Py_ssize_t c, g, r, k, Kp = G * GROUP
    cdef uint8_t q[TILE][GROUP]
    cdef float d[TILE]
    cdef float m[TILE]
    cdef int32_t isum
    cdef const uint8_t* b
    cdef const int8_t* x
    cdef float* acc = <float*>malloc(M * TILE * sizeof(float))
    if acc == NULL:
        return
    memset(acc, 0, M * TILE * sizeof(float))
    for g in range(G):
        b = blk + g * INT8_BLOCK
        for r in range(TILE):
            for k in range(GROUP):  # byte (k // 4) * 32 + 4 r + k % 4
                q[r][k] = b[(k // 4) * 32 + 4 * r + k % 4]
            d[r] = interns_half_to_float((<const uint16_t*>(b + 256))[r])
            m[r] = interns_half_to_float((<const uint16_t*>(b + 272))[r])
        for c in range(M):
            x = xq + c * Kp + g * GROUP
            for r in range(TILE):
                isum = 0
                for k in range(GROUP):
                    isum = isum + <int32_t>q[r][k] * <int32_t>x[k]
                acc[c * TILE + r] += d[r] * dx[c * G + g] * <float>isum + m[r] * xs[c * G + g]
    for c in range(M):
        store_tile(out + c * rows, acc + c * TILE, rows, r0)
    free(acc)


cdef void int8_gemm(const uint8_t* blocks, Py_ssize_t T, Py_ssize_t G, Py_ssize_t rows,
                    const int8_t* xq, const float* dx, const float* xs, Py_ssize_t M,
                    float* out, int nthreads) noexcept nogil:
    run_tiles(int8_tile, blocks, T, G, INT8_BLOCK, rows, xq, dx, xs, M, out, nthreads)


# ---------------------------------------------------------------- int4 quantiser (scale search)

cdef void fit_group(const float* x, const float* w, int steps, float* d_out, float* m_out) noexcept nogil:
    """Best asymmetric 4-bit (d, m) for 32 values x under importance w (see quantize.py). Each candidate
    takes one pass: the weighted error follows from the sums, expanded in double precision."""
    cdef float xmin = x[0], xmax = x[0], span, inv, q, delta
    cdef float sw = 0, swx = 0, swxx = 0, swq, swqq, swqx
    cdef double d, m, err, det, best_d, best_m, best_err
    cdef int i, s
    for i in range(GROUP):
        xmin = min(xmin, x[i])
        xmax = max(xmax, x[i])
        sw += w[i]
        swx += w[i] * x[i]
        swxx += w[i] * x[i] * x[i]
    span = xmax - xmin
    if span <= 0:
        d_out[0] = 0.0
        m_out[0] = xmin
        return
    best_d = span / 15.0
    best_m = xmin
    best_err = 1e300
    for s in range(max(steps, 1) + 1):
        # candidate 0: plain min/max codes with (d, m) = (span/15, min); others: refit (d, m) to the codes
        delta = 0.0 if s == 0 else (-1.0 + 2.0 * (s - 1) / (steps - 1) if steps > 1 else 0.0)
        if s > 0 and steps <= 1:
            break
        inv = (15.0 + delta) / span
        swq = 0
        swqq = 0
        swqx = 0
        for i in range(GROUP):
            q = min(<float>15.0, max(<float>0.0, round_even((x[i] - xmin) * inv)))
            swq += w[i] * q
            swqq += w[i] * q * q
            swqx += w[i] * q * x[i]
        if s == 0:
            d = span / 15.0
            m = xmin
        else:
            det = <double>sw * swqq - <double>swq * swq
            if det <= 1e-12:
                continue
            d = (<double>sw * swqx - <double>swq * swx) / det
            m = (<double>swqq * swx - <double>swq * swqx) / det
            if d <= 0:
                continue
        err = d * d * swqq + 2 * d * m * swq - 2 * d * swqx + m * m * sw - 2 * m * swx + swxx
        if err < best_err:
            best_err = err
            best_d = d
            best_m = m
    d_out[0] = <float>best_d
    m_out[0] = <float>best_m


ctypedef struct FitJob:
    const float* x
    const float* importance
    Py_ssize_t G
    Py_ssize_t N
    int steps
    float* d
    float* m


cdef enum:
    FIT_CHUNK = 4096  # groups per chunk


cdef void fit_chunk(void* ctx, long chunk) noexcept nogil:
    cdef FitJob* j = <FitJob*>ctx
    cdef Py_ssize_t n
    for n in range(chunk * FIT_CHUNK, min(j.N, (chunk + 1) * FIT_CHUNK)):
        fit_group(j.x + n * GROUP, j.importance + (n % j.G) * GROUP, j.steps, j.d + n, j.m + n)


def fit_int4_groups(const float[:, ::1] x, const float[:, ::1] importance, int steps,
                    float[::1] d, float[::1] m, int nthreads=1):
    """x [N, 32] groups of a matrix with G groups per row, importance [G, 32] -> d [N], m [N]."""
    cdef Py_ssize_t n, N = x.shape[0], G = importance.shape[0]
    if x.shape[1] != GROUP or importance.shape[1] != GROUP or d.shape[0] != N or m.shape[0] != N or G == 0:
        raise ValueError("fit_int4_groups: expected x [N, 32], importance [G, 32], d and m [N]")
    if N == 0:
        return
    cdef FitJob job
    job.x = &x[0, 0]
    job.importance = &importance[0, 0]
    job.G = G
    job.N = N
    job.steps = steps
    job.d = &d[0]
    job.m = &m[0]
    with nogil:
        interns_pool_run(max(1, nthreads), (N + FIT_CHUNK - 1) // FIT_CHUNK, fit_chunk, &job)


include "entry_points.pxi"
