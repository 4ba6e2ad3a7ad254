"""The transformer forward pass (qwen2 / llama): the kernels' linear layers, attention and per-row glue.

All sequences of a batch go through every linear layer together (their new tokens stacked as rows of one
matrix), so the int4 kernel's matrix-matrix path reuses each weight block across all of them. Attention
runs in one call of the fused kernel (kernels/attention.h) for every new token of the batch: each token
reads its own sequence's KV cache slot up to its own position (causal), prompt and decode alike. The
glue between them (RMSNorm, bias and rotary embedding, SwiGLU) is one kernel pass each
(kernels/elementwise.h): in numpy it was ~15 % of a decode step, in fixed per-call costs.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from interns.local_model.config import ModelConfig
from interns.local_model.kernels import bias_rope, causal_attention, rms_norm, silu_mul
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
class _AttentionRows:
    """For every new token of a batch: its KV slot and how many positions it attends (causal)."""

    slots: np.ndarray
    lengths: np.ndarray

    @classmethod
    def of(cls, chunks: list[SequenceChunk]) -> "_AttentionRows":
        slots = np.concatenate([np.full(len(chunk.token_ids), chunk.slot, dtype=np.int64) for chunk in chunks])
        # token i of a chunk sits at start_pos + i and sees positions 0 .. start_pos + i
        lengths = np.concatenate([np.arange(chunk.start_pos + 1, chunk.start_pos + len(chunk.token_ids) + 1, dtype=np.int64) for chunk in chunks])
        return cls(slots, lengths)


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
        attention_rows = _AttentionRows.of(chunks)
        cos, sin = self.rope.tables(positions)
        x = weights.embedding(token_ids)
        timer.mark("embedding")
        q_dim, kv_dim, head_dim = config.q_dim, config.kv_dim, config.head_dim
        n_qk_heads = config.n_heads + config.n_kv_heads
        rows = x.shape[0]
        h_buffer = np.empty_like(x)  # normalised rows, rewritten twice per layer
        act_buffer = np.empty((rows, config.d_ff), dtype=np.float32)
        for index, layer in enumerate(weights.layers):
            h = rms_norm(x, layer.attn_norm, config.rms_eps, out=h_buffer)
            timer.mark("norm")
            if self.observer:
                self.observer(index, "qkv", h)
            qkv = layer.qkv(h)
            timer.mark("qkv")
            # the bias, then q and k heads (side by side) rotated in place, in one pass
            bias_rope(qkv, layer.qkv_bias, cos, sin, positions, n_qk_heads)
            q = qkv[:, :q_dim].reshape(rows, config.n_heads, head_dim)
            k = qkv[:, q_dim : q_dim + kv_dim].reshape(rows, config.n_kv_heads, head_dim)
            v = qkv[:, q_dim + kv_dim :].reshape(rows, config.n_kv_heads, head_dim)
            timer.mark("rope")
            for number, chunk in enumerate(chunks):
                lo, hi = bounds[number], bounds[number + 1]
                cache.write(index, chunk.slot, chunk.start_pos, k[lo:hi], v[lo:hi])
            # every new token of the batch, prompt or decode, in one kernel call (causal by its length)
            attended = causal_attention(q, cache.keys[index], cache.values[index], attention_rows.slots, attention_rows.lengths, self.scale)
            timer.mark("attention")
            if self.observer:
                self.observer(index, "o", attended)
            x += layer.o(attended)
            timer.mark("o")
            h = rms_norm(x, layer.ffn_norm, config.rms_eps, out=h_buffer)
            timer.mark("norm")
            if self.observer:
                self.observer(index, "gate_up", h)
            gate_up = layer.gate_up(h)
            timer.mark("gate_up")
            act = silu_mul(gate_up, config.d_ff, out=act_buffer)
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
