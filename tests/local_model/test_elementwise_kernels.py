"""The forward pass's per-row glue kernels (elementwise.h) against float64 numpy references, on both
backends: RMSNorm, SwiGLU, QKV bias + rotary embedding; odd sizes, extreme values, batch independence."""

from __future__ import annotations

import numpy as np
import pytest

from interns.local_model import kernels as K
from interns.local_model.rope import Rope

BACKENDS = K.available_backends()


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("rows", "dim"), [(1, 896), (3, 1536), (20, 13), (17, 8)])
def test_rms_norm_matches_the_reference(backend: str, rows: int, dim: int) -> None:
    rng = np.random.default_rng(dim)
    x = (rng.standard_normal((rows, dim)) * 3).astype(np.float32)
    weight = rng.standard_normal(dim).astype(np.float32)
    expected = x / np.sqrt((x.astype(np.float64) ** 2).mean(axis=1, keepdims=True) + 1e-6) * weight
    got = K.rms_norm(x, weight, 1e-6, backend=backend)
    np.testing.assert_allclose(got, expected, rtol=2e-6, atol=2e-6)
    in_place = x.copy()
    K.rms_norm(in_place, weight, 1e-6, out=in_place, backend=backend)
    np.testing.assert_array_equal(in_place, got)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("rows", "d_ff"), [(1, 4864), (5, 8960), (18, 13)])
def test_silu_mul_matches_the_reference(backend: str, rows: int, d_ff: int) -> None:
    rng = np.random.default_rng(d_ff)
    gate_up = (rng.standard_normal((rows, 2 * d_ff)) * 4).astype(np.float32)
    gate = gate_up[:, :d_ff].astype(np.float64)
    expected = gate / (1 + np.exp(-gate)) * gate_up[:, d_ff:]
    np.testing.assert_allclose(K.silu_mul(gate_up, d_ff, backend=backend), expected, rtol=3e-6, atol=1e-6)


@pytest.mark.parametrize("backend", BACKENDS)
def test_silu_mul_stays_finite_at_extremes(backend: str) -> None:
    gate = np.array([-1000, -100, -88.5, -30, 0, 30, 88.5, 100, 1000] * 2, dtype=np.float32)  # both paths: 8 lanes and the tail
    gate_up = np.concatenate([gate, np.full_like(gate, 2.0)])[None, :]
    got = K.silu_mul(gate_up, gate.size, backend=backend)[0]
    assert np.isfinite(got).all()
    with np.errstate(over="ignore"):  # e^1000 is inf in float64 too: the reference's silu is then -0
        expected = gate.astype(np.float64) / (1 + np.exp(-gate.astype(np.float64))) * 2
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-30)


def _rope_reference(qkv: np.ndarray, bias: np.ndarray | None, positions: np.ndarray, rotated: int, head_dim: int, theta: float) -> np.ndarray:
    out = qkv.astype(np.float64) + (0 if bias is None else bias)
    half = head_dim // 2
    inv_freq = 1.0 / theta ** (np.arange(0, head_dim, 2) / head_dim)
    for row, position in enumerate(positions):
        angle = position * inv_freq
        cos, sin = np.cos(angle), np.sin(angle)
        for head in range(rotated):
            x = out[row, head * head_dim : (head + 1) * head_dim].copy()
            out[row, head * head_dim : head * head_dim + half] = x[:half] * cos - x[half:] * sin
            out[row, head * head_dim + half : (head + 1) * head_dim] = x[half:] * cos + x[:half] * sin
    return out


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(("heads", "kv_heads", "head_dim", "with_bias"), [(14, 2, 64, True), (3, 1, 6, False), (12, 2, 128, True)])
def test_bias_rope_matches_the_reference(backend: str, heads: int, kv_heads: int, head_dim: int, with_bias: bool) -> None:
    rng = np.random.default_rng(head_dim)
    width = (heads + 2 * kv_heads) * head_dim
    positions = np.array([0, 1, 7, 300, 4100, 20], dtype=np.int64)  # past the table's first size: it grows
    qkv = rng.standard_normal((len(positions), width)).astype(np.float32)
    bias = rng.standard_normal(width).astype(np.float32) if with_bias else None
    rope = Rope(head_dim, 1_000_000.0)
    cos, sin = rope.tables(positions)
    expected = _rope_reference(qkv, bias, positions, heads + kv_heads, head_dim, 1_000_000.0)
    got = K.bias_rope(qkv.copy(), bias, cos, sin, positions, heads + kv_heads, backend=backend)
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=2e-5)
    # v heads: only the bias
    v = slice((heads + kv_heads) * head_dim, None)
    np.testing.assert_allclose(got[:, v], expected[:, v], rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_row_gives_the_same_bits_alone_and_in_a_big_batch(backend: str) -> None:
    """Above 16 rows the work goes to the thread pool: a row's result must not change."""
    rng = np.random.default_rng(3)
    rows, dim, d_ff, head_dim = 40, 896, 4864, 64
    x = rng.standard_normal((rows, dim)).astype(np.float32)
    weight = rng.standard_normal(dim).astype(np.float32)
    gate_up = rng.standard_normal((rows, 2 * d_ff)).astype(np.float32)
    qkv = rng.standard_normal((rows, 18 * head_dim)).astype(np.float32)
    bias = rng.standard_normal(18 * head_dim).astype(np.float32)
    positions = np.arange(rows, dtype=np.int64) * 3
    cos, sin = Rope(head_dim, 10_000.0).tables(positions)
    batch_norm, batch_silu = K.rms_norm(x, weight, 1e-6, backend=backend), K.silu_mul(gate_up, d_ff, backend=backend)
    batch_rope = K.bias_rope(qkv.copy(), bias, cos, sin, positions, 16, backend=backend)
    for row in (0, 17, rows - 1):
        np.testing.assert_array_equal(K.rms_norm(x[row : row + 1], weight, 1e-6, backend=backend)[0], batch_norm[row])
        np.testing.assert_array_equal(K.silu_mul(gate_up[row : row + 1], d_ff, backend=backend)[0], batch_silu[row])
        alone = K.bias_rope(qkv[row : row + 1].copy(), bias, cos, sin, positions[row : row + 1], 16, backend=backend)
        np.testing.assert_array_equal(alone[0], batch_rope[row])


def test_bad_shapes_are_clear_errors() -> None:
    x = np.zeros((2, 8), np.float32)
    with pytest.raises(ValueError, match="rms_norm"):
        K.rms_norm(x, np.zeros(7, np.float32), 1e-6)
    with pytest.raises(ValueError, match="silu_mul"):
        K.silu_mul(np.zeros((2, 9), np.float32), 4)
    cos, sin = Rope(4, 10_000.0, initial_positions=8).tables(np.array([0]))
    with pytest.raises(ValueError, match="position 9 outside"):
        K.bias_rope(np.zeros((1, 8), np.float32), None, cos, sin, np.array([9]), 2)
    with pytest.raises(ValueError, match="3 heads of 4 in 8 columns"):
        K.bias_rope(np.zeros((1, 8), np.float32), None, cos, sin, np.array([1]), 3)
