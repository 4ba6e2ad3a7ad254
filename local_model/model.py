"""The transformer forward pass (qwen2 / llama): numpy glue around the linear layers.

All sequences of a batch go through every linear layer together (their new tokens stacked as rows of one
matrix), so the int4 kernel's matrix-matrix path reuses each weight block across all of them. Attention
reads each sequence's own KV cache slot: prompt chunks with numpy's matrix products, and the one-token
(decode) chunks of the whole batch in a single call of the fused kernel (kernels/attention.h).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from interns.local_model.config import ModelConfig
from interns.local_model.kernels import attention_decode
from interns.local_model.kv_cache import KVCache
from interns.local_model.rope import Rope
from interns.local_model.weights import ModelWeights


@dataclass
class SequenceChunk:
    """New tokens of one sequence: token_ids sit at positions start_pos.. in KV slot `slot`."""

    slot: int
    token_ids: np.ndarray
    start_pos: int
    all_logits: bool = False  # logits for every new position instead of only the last


@dataclass(frozen=True)
class _DecodeRows:
    """The one-token chunks of a batch: their rows, KV slots and attended lengths (for attention_decode)."""

    rows: np.ndarray
    slots: np.ndarray
    lengths: np.ndarray

    @classmethod
    def of(cls, chunks: list[SequenceChunk], bounds: np.ndarray) -> "_DecodeRows":
        single = [(int(bounds[n]), chunk.slot, chunk.start_pos + 1) for n, chunk in enumerate(chunks) if len(chunk.token_ids) == 1]
        if not single:
            nothing = np.empty(0, dtype=np.int64)
            return cls(nothing, nothing, nothing)
        rows, slots, lengths = (np.array(column, dtype=np.int64) for column in zip(*single))
        return cls(rows, slots, lengths)


class OpTimer:
    """Optional per-op wall-clock accounting (bench --profile); costs nothing when disabled."""

    def __init__(self, enabled: bool = False) -> None:
        self.enabled = enabled
        self.seconds: dict[str, float] = defaultdict(float)
        self._last = 0.0

    def start(self) -> None:
        if self.enabled:
            self._last = time.perf_counter()

    def mark(self, name: str) -> None:
        if self.enabled:
            now = time.perf_counter()
            self.seconds[name] += now - self._last
            self._last = now


def rms_norm(x: np.ndarray, weight: np.ndarray, eps: float) -> np.ndarray:
    # One code path for any number of rows: a row's result must not depend on what it is batched
    # with (the server's greedy answers are identical alone and in a batch only if every op is).
    mean_square = np.einsum("ij,ij->i", x, x)
    mean_square *= 1.0 / x.shape[1]
    mean_square += eps
    np.sqrt(mean_square, out=mean_square)
    out = x / mean_square[:, None]
    out *= weight
    return out


def silu_mul(gate_up: np.ndarray, d_ff: int) -> np.ndarray:
    """silu(gate) * up for the fused [gate | up] activations."""
    gate = gate_up[:, :d_ff]
    out = np.negative(gate)
    np.exp(out, out=out)
    out += 1.0
    np.divide(gate, out, out=out)
    out *= gate_up[:, d_ff:]
    return out


class Transformer:
    def __init__(self, weights: ModelWeights) -> None:
        self.weights = weights
        self.config: ModelConfig = weights.config
        self.rope = Rope(self.config.head_dim, self.config.rope_theta)
        self.scale = np.float32(1.0 / np.sqrt(self.config.head_dim))
        self.timer = OpTimer(False)
        # optional hook (layer, role, input rows) used by calibration to see each linear layer's inputs
        self.observer: Callable[[int, str, np.ndarray], None] | None = None

    def forward(self, chunks: list[SequenceChunk], cache: KVCache) -> list[np.ndarray]:
        """Run the new tokens of every chunk; returns per chunk logits [vocab] (or [n, vocab])."""
        config, weights, timer = self.config, self.weights, self.timer
        timer.start()
        for chunk in chunks:
            cache.check(chunk.slot, chunk.start_pos, len(chunk.token_ids))
        token_ids = np.concatenate([np.asarray(chunk.token_ids, dtype=np.int64).reshape(-1) for chunk in chunks])
        positions = np.concatenate(
            [np.arange(chunk.start_pos, chunk.start_pos + len(chunk.token_ids)) for chunk in chunks]
        )
        bounds = np.cumsum([0] + [len(chunk.token_ids) for chunk in chunks])
        decode = _DecodeRows.of(chunks, bounds)
        cos, sin = self.rope.tables(positions)
        x = weights.embedding(token_ids)
        timer.mark("embedding")
        q_dim, kv_dim, head_dim = config.q_dim, config.kv_dim, config.head_dim
        n_qk_heads = config.n_heads + config.n_kv_heads
        rows = x.shape[0]
        for index, layer in enumerate(weights.layers):
            h = rms_norm(x, layer.attn_norm, config.rms_eps)
            timer.mark("norm")
            if self.observer:
                self.observer(index, "qkv", h)
            qkv = layer.qkv(h)
            timer.mark("qkv")
            if layer.qkv_bias is not None:
                qkv += layer.qkv_bias
            # q and k heads side by side: one rotation for both
            qk = Rope.apply(qkv[:, : q_dim + kv_dim].reshape(rows, n_qk_heads, head_dim), cos, sin)
            q, k = qk[:, : config.n_heads], qk[:, config.n_heads :]
            v = qkv[:, q_dim + kv_dim :].reshape(rows, config.n_kv_heads, head_dim)
            timer.mark("rope")
            attended = np.empty((rows, q_dim), dtype=np.float32)
            for number, chunk in enumerate(chunks):
                lo, hi = bounds[number], bounds[number + 1]
                cache.write(index, chunk.slot, chunk.start_pos, k[lo:hi], v[lo:hi])
                if hi - lo > 1:  # prompts: numpy's matrix products
                    attended[lo:hi] = self._attention(q[lo:hi], cache, index, chunk.slot, chunk.start_pos)
            if decode.rows.size:  # every one-token chunk of the batch in one kernel call
                attended[decode.rows] = attention_decode(q[decode.rows], cache.keys[index], cache.values[index], decode.slots, decode.lengths, self.scale)
            timer.mark("attention")
            if self.observer:
                self.observer(index, "o", attended)
            x += layer.o(attended)
            timer.mark("o")
            h = rms_norm(x, layer.ffn_norm, config.rms_eps)
            timer.mark("norm")
            if self.observer:
                self.observer(index, "gate_up", h)
            gate_up = layer.gate_up(h)
            timer.mark("gate_up")
            act = silu_mul(gate_up, config.d_ff)
            timer.mark("silu")
            if self.observer:
                self.observer(index, "down", act)
            x += layer.down(act)
            timer.mark("down")
        for chunk in chunks:
            cache.set_length(chunk.slot, chunk.start_pos + len(chunk.token_ids))
        # only the rows whose logits are wanted go through the (large) output matrix
        wanted = [np.arange(bounds[n], bounds[n + 1]) if c.all_logits else np.array([bounds[n + 1] - 1]) for n, c in enumerate(chunks)]
        selected = np.concatenate(wanted)
        h = rms_norm(x[selected], weights.output_norm, config.rms_eps)
        timer.mark("norm")
        if self.observer:
            self.observer(-1, "output", h)
        logits = weights.output(h)
        timer.mark("output")
        results: list[np.ndarray] = []
        offset = 0
        for chunk, rows_wanted in zip(chunks, wanted):
            part = logits[offset : offset + len(rows_wanted)]
            results.append(part if chunk.all_logits else part[0])
            offset += len(rows_wanted)
        return results

    def _attention(self, q: np.ndarray, cache: KVCache, layer: int, slot: int, start: int) -> np.ndarray:
        """Causal grouped-query attention of a prompt chunk q [n, heads, head_dim] over the slot's cache -> [n, q_dim]."""
        config = self.config
        n = q.shape[0]
        length = start + n
        keys, values = cache.view(layer, slot, length)  # [kv_heads, length, head_dim]
        group = config.group_size
        # query head h reads KV head h // group: view queries as [kv_heads, group * n, head_dim]
        grouped = q.reshape(n, config.n_kv_heads, group, config.head_dim).transpose(1, 2, 0, 3)
        grouped = grouped.reshape(config.n_kv_heads, group * n, config.head_dim) * self.scale
        scores = np.matmul(grouped, keys.transpose(0, 2, 1))  # [kv_heads, group * n, length]
        # query i (at position start + i) sees keys 0..start + i
        future = np.arange(length)[None, :] > (start + np.arange(n))[:, None]
        scores.reshape(config.n_kv_heads, group, n, length)[:, :, future] = -np.inf
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        totals = scores.sum(axis=-1, keepdims=True)
        out = np.matmul(scores, values)  # [kv_heads, group * n, head_dim]
        out /= totals  # normalise the small output instead of the scores
        out = out.reshape(config.n_kv_heads, group, n, config.head_dim).transpose(2, 0, 1, 3)
        return out.reshape(n, config.q_dim)
