"""Quantised weight matrices (int4 and int8) and their product with float32 activations."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

import numpy as np

from interns.local_model.kernels import dispatch as _backend
from interns.local_model.kernels.layout import (
    GROUP,
    INT4_BLOCK_BYTES,
    INT8_BLOCK_BYTES,
    LAYOUT_VERSION,
    padded_shape,
    unpack_int4,
    unpack_int8,
)
from interns.local_model.kernels.quantize import quantize_int4_blocks, quantize_int8_blocks

_KIND_CODES = {"int4": 4, "int8": 8}


class QuantizedActivations:
    """Activations [M, K] (a 1-D [K] counts as M = 1) quantised once to int8 per group of 32; reusable by
    several matrices with the same K. W.matmul(qa) always returns [M, rows]."""

    __slots__ = ("xq", "dx", "xs", "cols")

    def __init__(self, x: np.ndarray) -> None:
        x2 = _as_rows(x, None, "activations")
        m, k = x2.shape
        groups = -(-k // GROUP)
        self.cols = k
        self.xq = np.empty((m, groups * GROUP), dtype=np.int8)
        self.dx = np.empty((m, groups), dtype=np.float32)
        self.xs = np.empty((m, groups), dtype=np.float32)
        if m:
            _backend.kernel_module().quantize_activations(x2, self.xq, self.dx, self.xs, _backend.get_num_threads())

    @property
    def rows(self) -> int:
        return self.xq.shape[0]

    def dequantize(self) -> np.ndarray:
        """float32 [M, K]: the activation values the kernels actually multiply with."""
        x = self.xq.astype(np.float32).reshape(self.rows, -1, GROUP) * self.dx[:, :, None]
        return x.reshape(self.rows, -1)[:, : self.cols]


def _as_rows(x: np.ndarray, cols: int | None, what: str) -> np.ndarray:
    x = np.asarray(x)
    if x.ndim not in (1, 2):
        raise ValueError(f"{what}: expected [K] or [M, K], got shape {x.shape}")
    if cols is not None and x.shape[-1] != cols:
        raise ValueError(f"{what}: last dimension is {x.shape[-1]}, the matrix has K = {cols}")
    if x.shape[-1] == 0:
        raise ValueError(f"{what}: K must be positive")
    return np.ascontiguousarray(x.reshape(-1, x.shape[-1]), dtype=np.float32)


class _QuantizedMatrix:
    kind: ClassVar[str]
    block_bytes: ClassVar[int]
    unpack: ClassVar[Callable[[np.ndarray], tuple[np.ndarray, np.ndarray, np.ndarray]]]  # blocks -> codes, scales, mins

    def __init__(self, blocks: np.ndarray, rows: int, cols: int) -> None:
        tiles, groups = padded_shape(rows, cols)
        if blocks.dtype != np.uint8 or blocks.shape != (tiles, groups, self.block_bytes):
            raise ValueError(
                f"{self.kind} blocks for a {rows}x{cols} matrix must be uint8 {(tiles, groups, self.block_bytes)}, "
                f"got {blocks.dtype} {blocks.shape}"
            )
        if not blocks.flags.c_contiguous:
            raise ValueError(f"{self.kind} blocks must be C-contiguous")
        self.blocks = blocks
        self.rows = int(rows)
        self.cols = int(cols)

    def dequantize(self) -> np.ndarray:
        """float32 (rows, K): d*q + m, the exact weights the kernel multiplies by."""
        q, d, m = self.unpack(self.blocks)
        w = q.reshape(q.shape[0], -1, GROUP).astype(np.float32) * d[:, :, None] + m[:, :, None]
        return w.reshape(q.shape[0], -1)[: self.rows, : self.cols]

    @property
    def shape(self) -> tuple[int, int]:
        return self.rows, self.cols

    @property
    def nbytes(self) -> int:
        return int(self.blocks.nbytes)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.rows}x{self.cols}, {self.nbytes / 1e6:.1f} MB)"

    def matmul(self, x: np.ndarray | QuantizedActivations, out: np.ndarray | None = None) -> np.ndarray:
        """W @ x: x float32 [K] -> [rows], or [M, K] -> [M, rows] (one row per token). Activations are
        quantised to int8 per group of 32 on the fly; pass a QuantizedActivations to share that work."""
        module = _backend.kernel_module()
        threads = _backend.get_num_threads()
        if isinstance(x, QuantizedActivations):
            if x.cols != self.cols:
                raise ValueError(f"activations have K = {x.cols}, the matrix has K = {self.cols}")
            result = self._output(out, x.rows, 2)
            gemm = module.gemm_int4 if self.kind == "int4" else module.gemm_int8
            gemm(self.blocks, self.rows, x.xq, x.dx, x.xs, result.reshape(x.rows, self.rows), threads)
            return result
        if (type(x) is np.ndarray and x.ndim == 1 and x.dtype == np.float32 and x.shape[0] == self.cols
                and x.flags.c_contiguous):
            # decode fast path (~170 calls per token): no conversion, no reshape
            result = self._output(out, 1, 1)
            module.matvec(self.blocks, self.rows, x, result.reshape(-1) if out is not None else result, threads)
            return result
        x = np.asarray(x)
        if not (x.dtype == np.float32 and x.flags.c_contiguous and x.ndim in (1, 2) and x.shape[-1] == self.cols):
            converted = _as_rows(x, self.cols, f"{self.kind} matmul")
            x = converted[0] if x.ndim == 1 else converted
        m = 1 if x.ndim == 1 else x.shape[0]
        result = self._output(out, m, x.ndim)
        if m:
            module.matmul(self.blocks, self.rows, x.reshape(m, self.cols), result.reshape(m, self.rows), threads)
        return result

    __matmul__ = matmul

    def _output(self, out: np.ndarray | None, m: int, ndim: int) -> np.ndarray:
        shape = (self.rows,) if ndim == 1 else (m, self.rows)
        if out is None:
            return np.empty(shape, dtype=np.float32)
        if out.dtype != np.float32 or not out.flags.c_contiguous or out.size != m * self.rows:
            raise ValueError(f"out must be a C-contiguous float32 array of shape {shape}")
        return out

    def to_arrays(self) -> dict[str, np.ndarray]:
        """Plain arrays to store (np.savez / a memmap); from_arrays() takes them back without copying."""
        return {
            "blocks": self.blocks,
            "shape": np.array([self.rows, self.cols], dtype=np.int64),
            "layout": np.array([_KIND_CODES[self.kind], LAYOUT_VERSION], dtype=np.int64),
        }

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> "_QuantizedMatrix":
        kind_code, version = (int(v) for v in np.asarray(arrays["layout"]).reshape(-1)[:2])
        if version != LAYOUT_VERSION:
            raise ValueError(f"quantised matrix has layout version {version}, this build reads {LAYOUT_VERSION}")
        kinds = {code: k for k, code in _KIND_CODES.items()}
        if kind_code not in kinds:
            raise ValueError(f"unknown quantised matrix kind code {kind_code}")
        target = {"int4": Int4Matrix, "int8": Int8Matrix}[kinds[kind_code]]
        if cls is not _QuantizedMatrix and target is not cls:
            raise ValueError(f"arrays hold an {target.kind} matrix, not {cls.kind}")
        rows, cols = (int(v) for v in np.asarray(arrays["shape"]).reshape(-1)[:2])
        return target(np.asarray(arrays["blocks"]), rows, cols)


class Int4Matrix(_QuantizedMatrix):
    """4-bit asymmetric weights, groups of 32 along K, tiles of 8 rows (5 bits per weight)."""

    kind = "int4"
    block_bytes = INT4_BLOCK_BYTES

    unpack = staticmethod(unpack_int4)


class Int8Matrix(_QuantizedMatrix):
    """8-bit storage (7-bit asymmetric codes), groups of 32 along K, tiles of 8 rows (9 bits per weight)."""

    kind = "int8"
    block_bytes = INT8_BLOCK_BYTES

    unpack = staticmethod(unpack_int8)


def quantize_int4(w: np.ndarray, *, steps: int = 11, importance: np.ndarray | None = None) -> Int4Matrix:
    """float (rows, K) -> Int4Matrix. `steps` candidate scales per group (1 = plain min/max);
    `importance` (K,) optionally weights the squared error per input column (e.g. mean x^2)."""
    w = np.asarray(w)
    blocks = quantize_int4_blocks(w, steps=steps, importance=importance)
    return Int4Matrix(blocks, w.shape[0], w.shape[1])


def quantize_int8(w: np.ndarray) -> Int8Matrix:
    """float (rows, K) -> Int8Matrix (asymmetric 7-bit codes per group of 32, 9 bits per weight)."""
    w = np.asarray(w)
    return Int8Matrix(quantize_int8_blocks(w), w.shape[0], w.shape[1])


def matrix_from_arrays(arrays: dict[str, np.ndarray]) -> Int4Matrix | Int8Matrix:
    """Int4Matrix or Int8Matrix, whichever `arrays` (from to_arrays()) holds."""
    return _QuantizedMatrix.from_arrays(arrays)  # type: ignore[return-value]
