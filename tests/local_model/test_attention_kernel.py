"""The fused attention kernel (attention.h) against a float64 numpy reference, on both backends."""

from __future__ import annotations

import numpy as np
import pytest

from interns.local_model import kernels as K

BACKENDS = K.available_backends()


def reference(q: np.ndarray, keys: np.ndarray, values: np.ndarray, slots: list[int], lengths: list[int], scale: float) -> np.ndarray:
    batch, heads, head_dim = q.shape
    group = heads // keys.shape[1]
    out = np.zeros((batch, heads * head_dim))
    for b, (slot, length) in enumerate(zip(slots, lengths)):
        for head in range(heads):
            k = keys[slot, head // group, :length].astype(np.float64)
            v = values[slot, head // group, :length].astype(np.float64)
            scores = k @ q[b, head].astype(np.float64) * scale
            weights = np.exp(scores - scores.max())
            out[b, head * head_dim : (head + 1) * head_dim] = weights @ v / weights.sum()
    return out


def cache(rng: np.random.Generator, n_slots: int, kv_heads: int, max_len: int, head_dim: int) -> tuple[np.ndarray, np.ndarray]:
    shape = (n_slots, kv_heads, max_len, head_dim)
    return rng.standard_normal(shape).astype(np.float32), rng.standard_normal(shape).astype(np.float32)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize(
    ("heads", "kv_heads", "head_dim", "lengths"),
    [
        (14, 2, 64, [1, 37, 300]),  # Qwen2.5-0.5B's heads; a first token, odd and longer histories
        (12, 2, 128, [5, 64]),  # the 1.5B's head size
        (3, 3, 12, [1, 2, 9]),  # no grouping, head_dim not a multiple of 8
        (8, 1, 20, [33]),
        (14, 2, 64, [40, 3, 1, 2, 3]),  # a 3-token prompt in slot 2: causal rows of one slot
    ],
)
def test_matches_reference(backend: str, heads: int, kv_heads: int, head_dim: int, lengths: list[int]) -> None:
    rng = np.random.default_rng(heads * 1000 + head_dim)
    keys, values = cache(rng, n_slots=4, kv_heads=kv_heads, max_len=320, head_dim=head_dim)
    slots = [3, 0, 2, 2, 2][: len(lengths)]
    q = rng.standard_normal((len(lengths), heads, head_dim)).astype(np.float32) * 3  # peaky softmax too
    scale = 1 / np.sqrt(head_dim)
    got = K.causal_attention(q, keys, values, np.array(slots), np.array(lengths), scale, backend=backend)
    np.testing.assert_allclose(got, reference(q, keys, values, slots, lengths, scale), rtol=2e-5, atol=2e-5)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_sequence_gives_the_same_bits_alone_and_in_a_batch(backend: str) -> None:
    rng = np.random.default_rng(7)
    keys, values = cache(rng, n_slots=3, kv_heads=2, max_len=64, head_dim=64)
    q = rng.standard_normal((3, 14, 64)).astype(np.float32)
    batch = K.causal_attention(q, keys, values, np.array([0, 1, 2]), np.array([10, 50, 64]), 0.125, backend=backend)
    for b in range(3):
        alone = K.causal_attention(q[b : b + 1], keys, values, np.array([b]), np.array([[10, 50, 64][b]]), 0.125, backend=backend)
        assert np.array_equal(alone[0], batch[b])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"slots": [5]}, "slot 5 out of range"),
        ({"lengths": [0]}, "length 0 outside 1..16"),
        ({"lengths": [17]}, "length 17 outside 1..16"),
        ({"heads": 5}, "5 query heads cannot share 2 KV heads"),
        ({"out": (1, 7)}, "output has shape (1, 7)"),
    ],
)
def test_bad_arguments_are_refused(change: dict, message: str) -> None:
    rng = np.random.default_rng(1)
    keys, values = cache(rng, n_slots=2, kv_heads=2, max_len=16, head_dim=8)
    heads = change.get("heads", 4)
    q = rng.standard_normal((1, heads, 8)).astype(np.float32)
    out = np.empty(change.get("out", (1, heads * 8)), dtype=np.float32)
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        K.causal_attention(q, keys, values, np.array(change.get("slots", [1])), np.array(change.get("lengths", [16])), 0.3, out=out)
