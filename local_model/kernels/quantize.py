"""Quantisers from float32 matrices to the kernel layouts (layout.py).

int4: asymmetric groups of 32 (w = d*q + m, q in 0..15), with a scale search: for each group a few
candidate step sizes around (max-min)/15 are tried, each refined by a least-squares fit of (d, m) to the
rounded codes, and the one with the lowest (optionally importance-weighted) squared error wins.
Measured on this model's tensors (dequantised Q5_0/Q6_K/Q8_0): relative RMS error 0.068-0.077 against
0.080-0.089 for plain min/max (steps=1); 21 candidates or Lloyd-style re-fitting gain < 0.5% more.
The search runs compiled (_scalar.fit_int4_groups, ~1 us per group); _fit_int4 is its numpy reference.

8-bit: asymmetric 7-bit codes in bytes, groups of 32 (w = d*q + m, q in 0..127), see layout.py.
"""

from __future__ import annotations

import numpy as np

from interns.local_model.kernels.layout import GROUP, TILE, pack_int4, pack_int8

_CHUNK_ELEMENTS = 1 << 22  # rows are processed in chunks of about this many weights (bounded memory)


def _padded(w: np.ndarray, name: str) -> np.ndarray:
    """float32 copy padded to (ceil8(rows), ceil32(K)). Extra columns repeat the row's last value so a
    partial group's range is not widened by padding (its activations are zero: the value is unused)."""
    if not isinstance(w, np.ndarray) or w.ndim != 2 or w.shape[0] == 0 or w.shape[1] == 0:
        raise ValueError(f"{name}: expected a non-empty 2-D array (rows, K), got {getattr(w, 'shape', type(w))}")
    if not np.all(np.isfinite(w)):
        raise ValueError(f"{name}: weights contain NaN or infinity")
    if np.abs(w).max() > 30000.0:  # scales and mins are fp16 (max 65504); spans are up to 2 max|w|
        raise ValueError(f"{name}: weights beyond +-30000 do not fit the fp16 scales of this layout")
    rows, cols = w.shape
    rows_p, cols_p = -(-rows // TILE) * TILE, -(-cols // GROUP) * GROUP
    out = np.zeros((rows_p, cols_p), dtype=np.float32)
    out[:rows, :cols] = w
    if cols_p > cols:
        out[:rows, cols:] = out[:rows, cols - 1 : cols]
    return out


def _fit_int4(x: np.ndarray, weight: np.ndarray, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """x (N, 32) groups, weight (N or 1, 32) importance -> best (d, m) per group, float32."""
    xmin = x.min(axis=1, keepdims=True)
    xmax = x.max(axis=1, keepdims=True)
    span = xmax - xmin
    safe_span = np.where(span > 0, span, 1.0)
    sw = weight.sum(axis=1, keepdims=True) * np.ones_like(xmin)
    swx = (weight * x).sum(axis=1, keepdims=True)

    best_d = span / 15.0
    best_m = xmin.copy()
    q = np.clip(np.rint((x - xmin) / np.where(best_d > 0, best_d, 1.0)), 0, 15)
    best_err = (weight * (best_d * q + best_m - x) ** 2).sum(axis=1, keepdims=True)
    # candidate inverse steps (15 + delta)/span, delta in [-1, +1]; each refined by weighted least squares
    for delta in np.linspace(-1.0, 1.0, steps) if steps > 1 else []:
        q = np.clip(np.rint((x - xmin) * ((15.0 + delta) / safe_span)), 0, 15)
        swq = (weight * q).sum(axis=1, keepdims=True)
        swqq = (weight * q * q).sum(axis=1, keepdims=True)
        swqx = (weight * q * x).sum(axis=1, keepdims=True)
        det = sw * swqq - swq * swq
        ok = det > 1e-12
        safe_det = np.where(ok, det, 1.0)
        d = (sw * swqx - swq * swx) / safe_det
        m = (swqq * swx - swq * swqx) / safe_det
        err = (weight * (d * q + m - x) ** 2).sum(axis=1, keepdims=True)
        better = ok & (d > 0) & (err < best_err)
        best_d = np.where(better, d, best_d)
        best_m = np.where(better, m, best_m)
        best_err = np.where(better, err, best_err)
    return best_d[:, 0].astype(np.float32), best_m[:, 0].astype(np.float32)


def _fit_int4_fast(x: np.ndarray, importance: np.ndarray, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """Same search as _fit_int4, compiled (portable module, all threads): ~50x faster on big models."""
    from interns.local_model.kernels import _scalar
    from interns.local_model.kernels.dispatch import get_num_threads

    d = np.empty(x.shape[0], dtype=np.float32)
    m = np.empty(x.shape[0], dtype=np.float32)
    _scalar.fit_int4_groups(np.ascontiguousarray(x), np.ascontiguousarray(importance), steps, d, m, get_num_threads())
    return d, m


def int4_codes(x: np.ndarray, d: np.ndarray, m: np.ndarray) -> np.ndarray:
    """Codes 0..15 for groups x (N, 32) given per-group (d, m) (already rounded to fp16)."""
    safe_d = np.where(d > 0, d, 1.0)[:, None]
    return np.clip(np.rint((x - m[:, None]) / safe_d), 0, 15).astype(np.uint8)


def quantize_int4_arrays(
    w: np.ndarray, *, steps: int = 11, importance: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(rows, K) float -> padded codes q (R8, K32) uint8, d (R8, G) and m (R8, G) as float16."""
    wp = _padded(np.asarray(w, dtype=np.float32), "quantize_int4")
    rows_p, cols_p = wp.shape
    groups = cols_p // GROUP
    if importance is None:
        weight_cols = np.ones((1, cols_p), dtype=np.float32)
    else:
        importance = np.asarray(importance, dtype=np.float32)
        if importance.shape != (w.shape[1],) or np.any(importance < 0):
            raise ValueError(f"importance must be {w.shape[1]} non-negative values, got shape {importance.shape}")
        weight_cols = np.zeros((1, cols_p), dtype=np.float32)
        weight_cols[0, : w.shape[1]] = importance + 1e-8
    q = np.empty((rows_p, cols_p), dtype=np.uint8)
    d = np.empty((rows_p, groups), dtype=np.float16)
    m = np.empty((rows_p, groups), dtype=np.float16)
    chunk = max(TILE, (_CHUNK_ELEMENTS // cols_p) // TILE * TILE)
    for r0 in range(0, rows_p, chunk):
        x = wp[r0 : r0 + chunk].reshape(-1, GROUP)
        n = x.shape[0]
        dg, mg = _fit_int4_fast(x, weight_cols.reshape(groups, GROUP), steps)
        d16, m16 = dg.astype(np.float16), mg.astype(np.float16)
        codes = int4_codes(x, d16.astype(np.float32), m16.astype(np.float32))
        q[r0 : r0 + chunk] = codes.reshape(-1, cols_p)
        d[r0 : r0 + chunk] = d16.reshape(-1, groups)
        m[r0 : r0 + chunk] = m16.reshape(-1, groups)
    return q, d, m


def quantize_int4_blocks(w: np.ndarray, *, steps: int = 11, importance: np.ndarray | None = None) -> np.ndarray:
    return pack_int4(*quantize_int4_arrays(w, steps=steps, importance=importance))


def quantize_int8_blocks(w: np.ndarray) -> np.ndarray:
    """Asymmetric 7-bit codes per group of 32: d = (max - min) / 127, m = min (see layout.py)."""
    wp = _padded(np.asarray(w, dtype=np.float32), "quantize_int8")
    rows_p, cols_p = wp.shape
    x = wp.reshape(rows_p, cols_p // GROUP, GROUP)
    lo = x.min(axis=2)
    d16 = ((x.max(axis=2) - lo) / 127.0).astype(np.float16)
    m16 = lo.astype(np.float16)
    d, m = d16.astype(np.float32), m16.astype(np.float32)
    q = np.clip(np.rint((x - m[:, :, None]) / np.where(d > 0, d, 1.0)[:, :, None]), 0, 127).astype(np.uint8)
    return pack_int8(q.reshape(rows_p, cols_p), d16, m16)
