"""Linear layers behind one interface, so fp32 (numpy/BLAS), int8 and int4 (our kernels) interchange.

Every layer maps activations x [M, K] float32 to y [M, N] float32 (y = x @ W.T), and can be saved to
and restored from plain numpy arrays (for the memory-mapped conversion cache).
"""

from __future__ import annotations

from typing import Protocol

import numpy as np

FORMATS = ("fp32", "int8", "int4")


class Linear(Protocol):
    format: str
    out_features: int
    in_features: int

    def __call__(self, x: np.ndarray) -> np.ndarray: ...

    def to_arrays(self) -> dict[str, np.ndarray]: ...

    def dequantize(self) -> np.ndarray: ...


class DenseLinear:
    """fp32 weights through numpy's BLAS: the reference path."""

    format = "fp32"

    def __init__(self, weight: np.ndarray) -> None:
        self.weight = weight  # [N, K] float32, possibly a read-only memory map
        self.out_features, self.in_features = weight.shape

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return x @ self.weight.T

    def to_arrays(self) -> dict[str, np.ndarray]:
        return {"weight": np.ascontiguousarray(self.weight, dtype=np.float32)}

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> "DenseLinear":
        return cls(arrays["weight"])

    def dequantize(self) -> np.ndarray:
        return np.asarray(self.weight, dtype=np.float32)


class KernelLinear:
    """Weights quantised by `interns.local_model.kernels` (int4 or int8), run by our Cython kernels."""

    def __init__(self, matrix) -> None:
        self.matrix = matrix
        self.format = matrix.kind
        self.out_features, self.in_features = matrix.rows, matrix.cols

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.matrix.matmul(x)

    def to_arrays(self) -> dict[str, np.ndarray]:
        return self.matrix.to_arrays()

    @classmethod
    def from_arrays(cls, arrays: dict[str, np.ndarray]) -> "KernelLinear":
        from interns.local_model import kernels

        return cls(kernels.matrix_from_arrays(arrays))

    def dequantize(self) -> np.ndarray:
        return self.matrix.dequantize()


def make_linear(weight: np.ndarray, fmt: str, importance: np.ndarray | None = None) -> Linear:
    """Build a layer of format `fmt` from fp32 weights [N, K]; `importance` [K] (e.g. mean x^2 of the
    layer's inputs) lets the int4 quantiser spend its error where activations are small."""
    weight = np.ascontiguousarray(weight, dtype=np.float32)
    if fmt == "fp32":
        return DenseLinear(weight)
    from interns.local_model import kernels

    if fmt == "int4":
        return KernelLinear(kernels.quantize_int4(weight, importance=importance))
    if fmt == "int8":
        return KernelLinear(kernels.quantize_int8(weight))
    raise ValueError(f"unknown linear format {fmt!r}; known: {', '.join(FORMATS)}")


def linear_from_arrays(fmt: str, arrays: dict[str, np.ndarray]) -> Linear:
    if fmt == "fp32":
        return DenseLinear.from_arrays(arrays)
    return KernelLinear.from_arrays(arrays)
