"""Decode attention for a batch of sequences in one kernel call (attention.h, both backends)."""

from __future__ import annotations

import numpy as np

from interns.local_model.kernels.dispatch import get_num_threads, kernel_module


def attention_decode(
    q: np.ndarray,
    keys: np.ndarray,
    values: np.ndarray,
    slots: np.ndarray,
    lengths: np.ndarray,
    scale: float,
    out: np.ndarray | None = None,
    backend: str | None = None,
) -> np.ndarray:
    """softmax(scale * q K^T) V for one new query token per sequence -> [B, heads * head_dim].

    q [B, heads, head_dim] float32; keys, values: one layer of the KV cache [slots, kv_heads, max_len,
    head_dim] (C-contiguous float32, not copied); slots, lengths [B]: each sequence's cache slot and the
    number of positions it attends (its new token included, already written to the cache).
    """
    batch, heads, head_dim = q.shape
    if out is None:
        out = np.empty((batch, heads * head_dim), dtype=np.float32)
    kernel_module(backend).attention_decode(
        np.ascontiguousarray(q, dtype=np.float32), keys, values,
        np.ascontiguousarray(slots, dtype=np.int64), np.ascontiguousarray(lengths, dtype=np.int64),
        out, float(scale), get_num_threads(),
    )
    return out
