# Python-facing entry points, included by both backends (_avx2.pyx and _scalar.pyx), which each define
# quantize_rows, int4_gemm and int8_gemm with the same C signatures. The checks here are the last line
# of defence for the unchecked pointer arithmetic below; the friendly errors live in matrix.py.


cdef inline void check_activations(Py_ssize_t M, Py_ssize_t G, const int8_t[:, ::1] xq,
                                   const float[:, ::1] dx, const float[:, ::1] xs) except *:
    if xq.shape[0] != M or xq.shape[1] != G * GROUP:
        raise ValueError(f"quantised activations have shape ({xq.shape[0]}, {xq.shape[1]}), expected ({M}, {G * GROUP})")
    if dx.shape[0] != M or dx.shape[1] != G or xs.shape[0] != M or xs.shape[1] != G:
        raise ValueError(f"activation scales/sums must have shape ({M}, {G})")


cdef inline void check_output(Py_ssize_t M, Py_ssize_t rows, float[:, ::1] out) except *:
    if out.shape[0] != M or out.shape[1] != rows:
        raise ValueError(f"output has shape ({out.shape[0]}, {out.shape[1]}), expected ({M}, {rows})")


cdef inline void check_blocks(Py_ssize_t rows, Py_ssize_t T, Py_ssize_t block_bytes, Py_ssize_t nbytes) except *:
    if rows <= 0 or T != (rows + TILE - 1) // TILE:
        raise ValueError(f"{T} tiles of 8 rows cannot hold {rows} rows")
    if nbytes != block_bytes:
        raise ValueError(f"blocks are {nbytes} bytes, this layout needs {block_bytes}")


def quantize_activations(const float[:, ::1] x, int8_t[:, ::1] xq, float[:, ::1] dx, float[:, ::1] xs,
                         int nthreads=1):
    """x [M, K] float32 -> xq [M, G*32] int8, dx [M, G] scales, xs [M, G] = dx * sum(xq) per group."""
    cdef Py_ssize_t M = x.shape[0], K = x.shape[1], G = dx.shape[1]
    if K == 0 or K > G * GROUP or K <= (G - 1) * GROUP:
        raise ValueError(f"{K} activation columns do not fill {G} groups of {GROUP}")
    check_activations(M, G, xq, dx, xs)
    if M == 0:
        return
    with nogil:
        quantize_rows(&x[0, 0], M, K, G, &xq[0, 0], &dx[0, 0], &xs[0, 0], nthreads)


def gemm_int4(const uint8_t[:, :, ::1] blocks, Py_ssize_t rows, const int8_t[:, ::1] xq,
              const float[:, ::1] dx, const float[:, ::1] xs, float[:, ::1] out, int nthreads=1):
    """out [M, rows] = int4 weights (blocks [T, G, 160]) x quantised activations (xq [M, G*32])."""
    cdef Py_ssize_t T = blocks.shape[0], G = blocks.shape[1], M = xq.shape[0]
    check_blocks(rows, T, INT4_BLOCK, blocks.shape[2])
    check_activations(M, G, xq, dx, xs)
    check_output(M, rows, out)
    if M == 0:
        return
    with nogil:
        int4_gemm(&blocks[0, 0, 0], T, G, rows, &xq[0, 0], &dx[0, 0], &xs[0, 0], M, &out[0, 0], nthreads)


def gemm_int8(const uint8_t[:, :, ::1] blocks, Py_ssize_t rows, const int8_t[:, ::1] xq,
              const float[:, ::1] dx, const float[:, ::1] xs, float[:, ::1] out, int nthreads=1):
    """out [M, rows] = 8-bit weights (blocks [T, G, 288]) x quantised activations (xq [M, G*32])."""
    cdef Py_ssize_t T = blocks.shape[0], G = blocks.shape[1], M = xq.shape[0]
    check_blocks(rows, T, INT8_BLOCK, blocks.shape[2])
    check_activations(M, G, xq, dx, xs)
    check_output(M, rows, out)
    if M == 0:
        return
    with nogil:
        int8_gemm(&blocks[0, 0, 0], T, G, rows, &xq[0, 0], &dx[0, 0], &xs[0, 0], M, &out[0, 0], nthreads)


cdef int matmul_any(const uint8_t* blocks, Py_ssize_t T, Py_ssize_t G, Py_ssize_t rows, bint int4,
                    const float* x, Py_ssize_t M, Py_ssize_t K, float* out, int nthreads) noexcept nogil:
    """Quantise x into scratch buffers, then multiply. Returns -1 when out of memory."""
    cdef int8_t* xq = <int8_t*>malloc(M * G * GROUP)
    cdef float* dx = <float*>malloc(M * G * sizeof(float))
    cdef float* xs = <float*>malloc(M * G * sizeof(float))
    if xq == NULL or dx == NULL or xs == NULL:
        free(xq)
        free(dx)
        free(xs)
        return -1
    quantize_rows(x, M, K, G, xq, dx, xs, nthreads)
    if int4:
        int4_gemm(blocks, T, G, rows, xq, dx, xs, M, out, nthreads)
    else:
        int8_gemm(blocks, T, G, rows, xq, dx, xs, M, out, nthreads)
    free(xq)
    free(dx)
    free(xs)
    return 0


def matmul(const uint8_t[:, :, ::1] blocks, Py_ssize_t rows, const float[:, ::1] x, float[:, ::1] out,
           int nthreads=1):
    """out [M, rows] = weights x activations x [M, K] float32; the layout is told by the block size."""
    cdef Py_ssize_t T = blocks.shape[0], G = blocks.shape[1], M = x.shape[0], K = x.shape[1]
    cdef Py_ssize_t block_bytes = blocks.shape[2]
    cdef bint int4 = block_bytes == INT4_BLOCK
    cdef int status
    check_blocks(rows, T, INT4_BLOCK if int4 else INT8_BLOCK, block_bytes)
    if K == 0 or K > G * GROUP or K <= (G - 1) * GROUP:
        raise ValueError(f"{K} activation columns do not match {G} groups of {GROUP}")
    check_output(M, rows, out)
    if M == 0:
        return
    with nogil:
        status = matmul_any(&blocks[0, 0, 0], T, G, rows, int4, &x[0, 0], M, K, &out[0, 0], nthreads)
    if status != 0:
        raise MemoryError("no memory for the quantised activations")


def matvec(const uint8_t[:, :, ::1] blocks, Py_ssize_t rows, const float[::1] x, float[::1] out, int nthreads=1):
    """out [rows] = weights x activations x [K]: the decode fast path (no reshapes in Python)."""
    cdef Py_ssize_t T = blocks.shape[0], G = blocks.shape[1], K = x.shape[0]
    cdef Py_ssize_t block_bytes = blocks.shape[2]
    cdef bint int4 = block_bytes == INT4_BLOCK
    cdef int status
    check_blocks(rows, T, INT4_BLOCK if int4 else INT8_BLOCK, block_bytes)
    if K == 0 or K > G * GROUP or K <= (G - 1) * GROUP:
        raise ValueError(f"{K} activation columns do not match {G} groups of {GROUP}")
    if out.shape[0] != rows:
        raise ValueError(f"output has {out.shape[0]} values, expected {rows}")
    with nogil:
        status = matmul_any(&blocks[0, 0, 0], T, G, rows, int4, &x[0], 1, K, &out[0], nthreads)
    if status != 0:
        raise MemoryError("no memory for the quantised activations")


cdef extern from "attention.h" nogil:
    ctypedef struct interns_attention_job:
        const float* q
        const float* keys
        const float* values
        const int64_t* slots
        const int64_t* lengths
        float* out
        int64_t kv_heads, group, head_dim, max_len
        float scale
        int failed
    void interns_attention_unit(void* ctx, long unit) noexcept nogil


def causal_attention(const float[:, :, ::1] q, const float[:, :, :, ::1] keys, const float[:, :, :, ::1] values,
                     const int64_t[::1] slots, const int64_t[::1] lengths, float[:, ::1] out, float scale,
                     int nthreads=1):
    """Each query row against its own cache slot up to its length: out [B, heads * head_dim].

    q [B, heads, head_dim]; keys, values: one layer of the KV cache [slots, kv_heads, max_len, head_dim];
    slots [B]; lengths [B] = positions attended (the row's own included). Query head h reads KV head
    h // (heads / kv_heads).
    """
    cdef Py_ssize_t B = q.shape[0], heads = q.shape[1], D = q.shape[2]
    cdef Py_ssize_t n_slots = keys.shape[0], kv_heads = keys.shape[1], max_len = keys.shape[2], b
    cdef interns_attention_job job
    cdef tuple key_shape = (keys.shape[0], keys.shape[1], keys.shape[2], keys.shape[3])
    cdef tuple value_shape = (values.shape[0], values.shape[1], values.shape[2], values.shape[3])
    if key_shape != value_shape or keys.shape[3] != D:
        raise ValueError(f"keys {key_shape} and values {value_shape} must both be [slots, kv_heads, max_len, {D}]")
    if kv_heads == 0 or heads % kv_heads:
        raise ValueError(f"{heads} query heads cannot share {kv_heads} KV heads")
    if slots.shape[0] != B or lengths.shape[0] != B:
        raise ValueError(f"slots and lengths need {B} entries, got {slots.shape[0]} and {lengths.shape[0]}")
    if out.shape[0] != B or out.shape[1] != heads * D:
        raise ValueError(f"output has shape ({out.shape[0]}, {out.shape[1]}), expected ({B}, {heads * D})")
    for b in range(B):
        if not 0 <= slots[b] < n_slots:
            raise ValueError(f"sequence {b}: slot {slots[b]} out of range (0..{n_slots - 1})")
        if not 1 <= lengths[b] <= max_len:
            raise ValueError(f"sequence {b}: length {lengths[b]} outside 1..{max_len}")
    if B == 0:
        return
    job.q = &q[0, 0, 0]
    job.keys = &keys[0, 0, 0, 0]
    job.values = &values[0, 0, 0, 0]
    job.slots = &slots[0]
    job.lengths = &lengths[0]
    job.out = &out[0, 0]
    job.kv_heads = kv_heads
    job.group = heads // kv_heads
    job.head_dim = D
    job.max_len = max_len
    job.scale = scale
    job.failed = 0
    with nogil:
        interns_pool_run(nthreads, B * kv_heads, interns_attention_unit, &job)
    if job.failed:
        raise MemoryError("no memory for the attention scores")


cdef extern from "elementwise.h" nogil:
    ctypedef struct interns_rms_norm_job:
        const float* x
        const float* weight
        float* out
        int64_t dim
        float eps
    ctypedef struct interns_silu_mul_job:
        const float* gate_up
        float* out
        int64_t d_ff
    ctypedef struct interns_bias_rope_job:
        float* qkv
        const float* bias
        const float* cos
        const float* sin
        const int64_t* positions
        int64_t width, rotated_heads, head_dim
    void interns_rms_norm_row(void* ctx, long row) noexcept nogil
    void interns_silu_mul_row(void* ctx, long row) noexcept nogil
    void interns_bias_rope_row(void* ctx, long row) noexcept nogil


cdef enum:
    ELEMENTWISE_THREAD_ROWS = 16  # fewer rows (decode) are too little work to hand to other threads


def rms_norm(const float[:, ::1] x, const float[::1] weight, float[:, ::1] out, float eps, int nthreads=1):
    """out [rows, dim] = x / sqrt(mean(x^2) + eps) * weight, row by row (out may be x)."""
    cdef Py_ssize_t rows = x.shape[0], dim = x.shape[1]
    cdef interns_rms_norm_job job
    if weight.shape[0] != dim or out.shape[0] != rows or out.shape[1] != dim:
        raise ValueError(f"rms_norm: x ({rows}, {dim}), weight ({weight.shape[0]},) and out ({out.shape[0]}, {out.shape[1]}) disagree")
    if rows == 0 or dim == 0:
        return
    job.x = &x[0, 0]
    job.weight = &weight[0]
    job.out = &out[0, 0]
    job.dim = dim
    job.eps = eps
    with nogil:
        interns_pool_run(nthreads if rows >= ELEMENTWISE_THREAD_ROWS else 1, rows, interns_rms_norm_row, &job)


def silu_mul(const float[:, ::1] gate_up, float[:, ::1] out, int nthreads=1):
    """out [rows, d_ff] = silu(gate) * up for gate_up [rows, 2 * d_ff] = [gate | up]."""
    cdef Py_ssize_t rows = gate_up.shape[0], d_ff = out.shape[1]
    cdef interns_silu_mul_job job
    if gate_up.shape[1] != 2 * d_ff or out.shape[0] != rows:
        raise ValueError(f"silu_mul: gate_up ({rows}, {gate_up.shape[1]}) needs out ({rows}, {gate_up.shape[1] // 2}), got ({out.shape[0]}, {d_ff})")
    if rows == 0 or d_ff == 0:
        return
    job.gate_up = &gate_up[0, 0]
    job.out = &out[0, 0]
    job.d_ff = d_ff
    with nogil:
        interns_pool_run(nthreads if rows >= ELEMENTWISE_THREAD_ROWS else 1, rows, interns_silu_mul_row, &job)


def bias_rope(float[:, ::1] qkv, const float[::1] bias, const float[:, ::1] cos, const float[:, ::1] sin,
              const int64_t[::1] positions, Py_ssize_t rotated_heads, int nthreads=1):
    """In place: qkv [rows, width] += bias (None: no bias), then the first rotated_heads heads of each row
    rotate by the row's position (tables cos, sin [positions, head_dim]: cos|cos and -sin|sin)."""
    cdef Py_ssize_t rows = qkv.shape[0], width = qkv.shape[1], D = cos.shape[1], r
    cdef interns_bias_rope_job job
    if sin.shape[0] != cos.shape[0] or sin.shape[1] != D or D % 2:
        raise ValueError(f"bias_rope: cos ({cos.shape[0]}, {D}) and sin ({sin.shape[0]}, {sin.shape[1]}) must match, head_dim even")
    if bias is not None and bias.shape[0] != width:
        raise ValueError(f"bias_rope: bias has {bias.shape[0]} values, rows have {width}")
    if positions.shape[0] != rows or rotated_heads < 0 or rotated_heads * D > width:
        raise ValueError(f"bias_rope: {positions.shape[0]} positions for {rows} rows, {rotated_heads} heads of {D} in {width} columns")
    for r in range(rows):
        if not 0 <= positions[r] < cos.shape[0]:
            raise ValueError(f"bias_rope: position {positions[r]} outside the table (0..{cos.shape[0] - 1})")
    if rows == 0:
        return
    job.qkv = &qkv[0, 0]
    job.bias = &bias[0] if bias is not None else NULL
    job.cos = &cos[0, 0]
    job.sin = &sin[0, 0]
    job.positions = &positions[0]
    job.width = width
    job.rotated_heads = rotated_heads
    job.head_dim = D
    with nogil:
        interns_pool_run(nthreads if rows >= ELEMENTWISE_THREAD_ROWS else 1, rows, interns_bias_rope_row, &job)
