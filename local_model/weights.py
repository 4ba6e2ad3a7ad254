"""The model's weights in engine form: fused linear layers (any format), norms, biases, embedding."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from interns.local_model.config import ModelConfig
from interns.local_model.linear import Linear
from interns.local_model.source import ModelSource

# the fused linear layers of a block, and the output matrix
LINEAR_ROLES = ("qkv", "o", "gate_up", "down")


@dataclass(frozen=True)
class QuantScheme:
    """Which format each linear role gets. The output matrix is the biggest single matmul."""

    name: str
    qkv: str
    o: str
    gate_up: str
    down: str
    output: str
    calibrate: bool = False  # weigh int4 rounding by measured activation statistics (calibration.py)

    def format_of(self, role: str) -> str:
        return getattr(self, role)


# "int4" is the measured default: int4 (activation-aware) for the MLP gate/up matrices, which hold 58% of
# a block's weights; int8 for attention (q/k/v, o), the MLP down matrix and the output matrix. On 1,536
# tokens of real code, all-int4 agreed with fp32 on 93.4% of next-token picks (ppl +3.6%); this mix on
# 96.2% (ppl +2.9%); without activation-aware weighting 95.1%. Our int8 kernel costs only a little more
# per weight than int4 on this CPU (compute-bound), so the mix costs ~10% of decode speed.
# "int4-mlp" also makes the MLP down matrix int4: re-measured 2026-11-22 on the same 1,536 tokens, 95.2%
# top-1 (ppl +2.9%) against the default's 95.7% (ppl +2.7%): inside the bounds, with little margin.
# An int4 output matrix fell below them (94.2%), so it stays int8 in every scheme.
SCHEMES: dict[str, QuantScheme] = {
    scheme.name: scheme
    for scheme in (
        QuantScheme("fp32", "fp32", "fp32", "fp32", "fp32", "fp32"),
        QuantScheme("int8", "int8", "int8", "int8", "int8", "int8"),
        QuantScheme("int4", "int8", "int8", "int4", "int8", "int8", calibrate=True),
        QuantScheme("int4-all", "int4", "int4", "int4", "int4", "int8", calibrate=True),
        QuantScheme("int4-mlp", "int8", "int8", "int4", "int4", "int8", calibrate=True),
    )
}
DEFAULT_SCHEME = "int4"


@dataclass
class LayerWeights:
    attn_norm: np.ndarray  # [d]
    qkv: Linear  # [q_dim + 2 kv_dim, d]
    qkv_bias: np.ndarray | None  # [q_dim + 2 kv_dim]
    o: Linear  # [d, q_dim]
    ffn_norm: np.ndarray
    gate_up: Linear  # [2 d_ff, d]: gate rows then up rows
    down: Linear  # [d, d_ff]


class Embedding:
    """Token embedding looked up row by row from the GGUF's quantised bytes (never fully expanded)."""

    def __init__(self, source: ModelSource, name: str = "token_embd.weight") -> None:
        self.source = source
        self.name = name

    def __call__(self, token_ids: np.ndarray) -> np.ndarray:
        return self.source.dequantize(self.name, rows=np.asarray(token_ids, dtype=np.int64))


@dataclass
class ModelWeights:
    config: ModelConfig
    scheme: QuantScheme
    embedding: Embedding
    layers: list[LayerWeights]
    output_norm: np.ndarray
    output: Linear
    extras: dict = field(default_factory=dict)


def unpermute_rope_rows(weight: np.ndarray, n_heads: int) -> np.ndarray:
    """Undo llama.cpp's convert permutation of llama q/k rows (interleaved pairs -> rotate-half halves).

    convert_hf_to_gguf stores W.reshape(h, 2, d/2, K).swapaxes(1, 2); this is its inverse, so one
    rotate-half RoPE serves qwen2 (never permuted) and llama alike.
    """
    rows = weight.shape[0]
    rest = weight.shape[1:]
    return weight.reshape(n_heads, rows // n_heads // 2, 2, *rest).swapaxes(1, 2).reshape(weight.shape)


def fused_block_tensors(source: ModelSource, layer: int) -> dict[str, np.ndarray]:
    """fp32 tensors of one block, q/k/v and gate/up fused, in the layout the forward pass expects."""
    config = source.config
    prefix = f"blk.{layer}."

    def tensor(name: str) -> np.ndarray:
        return source.dequantize(prefix + name)

    q, k, v = tensor("attn_q.weight"), tensor("attn_k.weight"), tensor("attn_v.weight")
    biases = None
    if config.qkv_bias:
        biases = [tensor("attn_q.bias"), tensor("attn_k.bias"), tensor("attn_v.bias")]
    if config.architecture == "llama":
        q = unpermute_rope_rows(q, config.n_heads)
        k = unpermute_rope_rows(k, config.n_kv_heads)
        if biases is not None:
            biases[0] = unpermute_rope_rows(biases[0], config.n_heads)
            biases[1] = unpermute_rope_rows(biases[1], config.n_kv_heads)
    out = {
        "attn_norm": tensor("attn_norm.weight"),
        "qkv": np.concatenate([q, k, v], axis=0),
        "o": tensor("attn_output.weight"),
        "ffn_norm": tensor("ffn_norm.weight"),
        "gate_up": np.concatenate([tensor("ffn_gate.weight"), tensor("ffn_up.weight")], axis=0),
        "down": tensor("ffn_down.weight"),
    }
    if biases is not None:
        out["qkv_bias"] = np.concatenate(biases)
    return out


def output_tensor_name(config: ModelConfig) -> str:
    return "token_embd.weight" if config.tied_embeddings else "output.weight"
