"""Hyper-parameters of a decoder-only transformer, read from GGUF metadata."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

SUPPORTED_ARCHITECTURES = ("qwen2", "llama")


@dataclass(frozen=True)
class ModelConfig:
    architecture: str
    name: str
    n_layers: int
    d_model: int
    d_ff: int
    n_heads: int
    n_kv_heads: int
    head_dim: int
    vocab_size: int
    context_length: int
    rope_theta: float
    rms_eps: float
    tied_embeddings: bool  # no output.weight: the token embedding doubles as output matrix
    qkv_bias: bool

    @property
    def q_dim(self) -> int:
        return self.n_heads * self.head_dim

    @property
    def kv_dim(self) -> int:
        return self.n_kv_heads * self.head_dim

    @property
    def group_size(self) -> int:
        """Query heads per KV head (grouped-query attention)."""
        return self.n_heads // self.n_kv_heads

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)
