"""The forward pass's per-row glue in one pass each (elementwise.h, both backends): RMSNorm, SwiGLU,
and the QKV bias plus rotary embedding of q and k."""

from __future__ import annotations

import numpy as np

from interns.local_model.kernels.dispatch import get_num_threads, kernel_module


def rms_norm(x: np.ndarray, weight: np.ndarray, eps: float, out: np.ndarray | None = None, backend: str | None = None) -> np.ndarray:
    """x / sqrt(mean(x^2) + eps) * weight for each row of x [rows, dim] (float32)."""
    x = np.ascontiguousarray(x, dtype=np.float32)
    if out is None:
        out = np.empty_like(x)
    kernel_module(backend).rms_norm(x, np.ascontiguousarray(weight, dtype=np.float32), out, float(eps), get_num_threads())
    return out


def silu_mul(gate_up: np.ndarray, d_ff: int, out: np.ndarray | None = None, backend: str | None = None) -> np.ndarray:
    """silu(gate) * up for gate_up [rows, 2 * d_ff] = [gate | up] -> [rows, d_ff]."""
    gate_up = np.ascontiguousarray(gate_up, dtype=np.float32)
    if out is None:
        out = np.empty((gate_up.shape[0], d_ff), dtype=np.float32)
    kernel_module(backend).silu_mul(gate_up, out, get_num_threads())
    return out


def bias_rope(qkv: np.ndarray, bias: np.ndarray | None, cos: np.ndarray, sin: np.ndarray, positions: np.ndarray, rotated_heads: int, backend: str | None = None) -> np.ndarray:
    """In place on qkv [rows, width] (C-contiguous float32): add bias (if any), then rotate the first
    `rotated_heads` heads of each row by its position. cos, sin: tables [positions, head_dim] holding
    cos|cos and -sin|sin (rotate-half layout, see rope.py). Returns qkv."""
    kernel_module(backend).bias_rope(
        qkv, None if bias is None else np.ascontiguousarray(bias, dtype=np.float32), cos, sin,
        np.ascontiguousarray(positions, dtype=np.int64), int(rotated_heads), get_num_threads(),
    )
    return qkv
