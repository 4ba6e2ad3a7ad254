"""Causal attention for every new token of a batch in one kernel call (attention.h, both backends)."""

from __future__ import annotations

import numpy as np

from interns.local_model.kernels.dispatch import get_num_threads, kernel_module


def causal_attention(
    q: np.ndarray,
    keys: np.ndarray,
    values: np.ndarray,
    slots: np.ndarray,
    lengths: np.ndarray,
    scale: float,
    out: np.ndarray | None = None,
    backend: str | None = None,
) -> np.ndarray:
    """softmax(scale * q K^T) V for each query row against its own KV slot -> [rows, heads * head_dim].

    q [rows, heads, head_dim] float32, one row per new token (a prompt's tokens are several rows of one
    slot); keys, values: one layer of the KV cache [slots, kv_heads, max_len, head_dim] (C-contiguous
    float32, not copied); slots, lengths [rows]: each row's cache slot and the number of positions it
    attends, its own included (already written to the cache): position p of a prompt attends p + 1.
    """
    batch, heads, head_dim = q.shape
    if out is None:
        out = np.empty((batch, heads * head_dim), dtype=np.float32)
    kernel_module(backend).causal_attention(
        np.ascontiguousarray(q, dtype=np.float32), keys, values,
        np.ascontiguousarray(slots, dtype=np.int64), np.ascontiguousarray(lengths, dtype=np.int64),
        out, float(scale), get_num_threads(),
    )
    return out
