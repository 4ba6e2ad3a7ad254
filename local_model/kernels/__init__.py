"""int4 / int8 weight x float32 activation matrix kernels (Cython, AVX2 with a portable fallback, own thread pool).

API (stable; the model and the server build on it)::

    from interns.local_model import kernels as K

    W = K.quantize_int4(w)              # w: float32 (rows, K) -> Int4Matrix (asymmetric, groups of 32)
    W8 = K.quantize_int8(w)             # -> Int8Matrix (8-bit storage, 7-bit asymmetric codes), e.g. output matrix
    y = W.matmul(x)                     # x float32 [K] -> [rows]  (decode, GEMV)
    Y = W.matmul(X)                     # X float32 [M, K] -> [M, rows]  (prompt / batch, GEMM)
    W @ x                               # same as W.matmul(x)
    W.matmul(x, out=buf)                # write into a preallocated C-contiguous float32 array
    qa = K.QuantizedActivations(X)      # quantise X once, then Wq.matmul(qa), Wk.matmul(qa), ...
    W.rows, W.cols, W.shape, W.nbytes
    W.dequantize()                      # float32 (rows, K): exactly the weights the kernel multiplies by
    d = W.to_arrays()                   # {"blocks": uint8 [T, G, B], "shape": int64 [2], "layout": int64 [2]}
    W = K.matrix_from_arrays(d)         # Int4Matrix or Int8Matrix; no copy, read-only memmaps are fine
    K.Int4Matrix.from_arrays(d)         # same, checking the kind
    K.backend()                         # 'avx512vnni', 'avxvnni', 'avx2' or 'scalar' (INTERNS_KERNEL=scalar forces the last)
    K.set_num_threads(n); K.get_num_threads()   # default: CPUs available (env INTERNS_KERNEL_THREADS)
    K.LAYOUT_VERSION                    # key converted-model caches by it
    K.causal_attention(q, keys, values, slots, lengths, scale)  # one decode step's attention, whole batch
    K.rms_norm(x, weight, eps); K.silu_mul(gate_up, d_ff)   # per-row glue of the forward pass, one pass each
    K.bias_rope(qkv, bias, cos, sin, positions, rotated_heads)  # in place: QKV bias, then rotary q and k

Numerics: activations are quantised per group of 32 to int8 (scale max|x|/127, round half to even);
each group's integer dot product is exact, then scaled in float32. The result equals
dequantize() @ QuantizedActivations(x).dequantize().T up to float32 summation order.

Storing several matrices in one file: prefix the keys, e.g. {f"blk.0.attn_q.{k}": v for k, v in
W.to_arrays().items()}, np.savez it (uncompressed) and np.load(path, mmap_mode="r") it back; or write
the blocks into one np.memmap yourself. Layout details and why: layout.py.

Performance notes for callers: fuse matrices that share an input (q/k/v, gate/up) into one matrix by
stacking rows before quantising: one call, one activation quantisation, better thread balance. For prompt
processing pass all M tokens at once: each unpacked weight block is reused across 4 tokens in registers.
"""

from __future__ import annotations

from interns.local_model.kernels.attention import causal_attention
from interns.local_model.kernels.elementwise import bias_rope, rms_norm, silu_mul
from interns.local_model.kernels.dispatch import (
    available_backends,
    backend,
    get_num_threads,
    kernel_module,
    set_num_threads,
)
from interns.local_model.kernels.layout import GROUP, LAYOUT_VERSION, TILE
from interns.local_model.kernels.matrix import (
    Int4Matrix,
    Int8Matrix,
    QuantizedActivations,
    matrix_from_arrays,
    quantize_int4,
    quantize_int8,
)

__all__ = [
    "GROUP",
    "LAYOUT_VERSION",
    "TILE",
    "bias_rope",
    "causal_attention",
    "Int4Matrix",
    "Int8Matrix",
    "QuantizedActivations",
    "available_backends",
    "backend",
    "get_num_threads",
    "kernel_module",
    "matrix_from_arrays",
    "quantize_int4",
    "quantize_int8",
    "rms_norm",
    "set_num_threads",
    "silu_mul",
]
