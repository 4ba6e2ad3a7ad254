"""Activation statistics for activation-aware int4 quantisation.

The fp32 model reads a fixed sample of real Python source (standard-library modules, distinct from the
quality tests' corpus); for every linear layer we keep the mean square of each input column. The int4
quantiser weights its rounding error by that importance, so columns that meet large activations are
kept more precisely.
"""

from __future__ import annotations

import sysconfig
from pathlib import Path

import numpy as np

from interns.local_model.kv_cache import KVCache
from interns.local_model.linear import DenseLinear
from interns.local_model.model import Transformer
from interns.local_model.source import ModelSource
from interns.local_model.weights import (
    LINEAR_ROLES,
    Embedding,
    LayerWeights,
    ModelWeights,
    SCHEMES,
    fused_block_tensors,
    output_tensor_name,
)

CALIBRATION_FILES = ("dataclasses.py", "argparse.py", "string.py", "contextlib.py")
CALIBRATION_CHARS = 5000  # per file
CALIBRATION_TOKENS = 512

Importance = dict[tuple[int, str], np.ndarray]  # (layer, role) -> mean x^2 per input column; layer -1 = output


def calibration_text() -> str:
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    parts = []
    for name in CALIBRATION_FILES:
        path = stdlib / name
        if path.exists():
            parts.append(path.read_text(encoding="utf-8")[:CALIBRATION_CHARS])
    if not parts:  # a Python without its sources: fall back to this package's own code
        parts = [path.read_text(encoding="utf-8")[:CALIBRATION_CHARS] for path in sorted(Path(__file__).parent.glob("*.py"))]
    return "\n".join(parts)


def fp32_weights(source: ModelSource) -> ModelWeights:
    """The whole model in fp32 (dequantised in memory; ~2 GB for the 0.5B model)."""
    config = source.config
    layers = []
    for layer in range(config.n_layers):
        tensors = fused_block_tensors(source, layer)
        layers.append(
            LayerWeights(
                attn_norm=tensors["attn_norm"],
                qkv=DenseLinear(tensors["qkv"]),
                qkv_bias=tensors.get("qkv_bias"),
                o=DenseLinear(tensors["o"]),
                ffn_norm=tensors["ffn_norm"],
                gate_up=DenseLinear(tensors["gate_up"]),
                down=DenseLinear(tensors["down"]),
            )
        )
    return ModelWeights(
        config=config,
        scheme=SCHEMES["fp32"],
        embedding=Embedding(source),
        layers=layers,
        output_norm=source.dequantize("output_norm.weight"),
        output=DenseLinear(source.dequantize(output_tensor_name(config))),
    )


def measure_importance(weights: ModelWeights, token_ids: list[int], chunk: int = 256) -> Importance:
    """Mean square of every linear layer's input columns while the model reads `token_ids`."""
    sums: dict[tuple[int, str], np.ndarray] = {}
    transformer = Transformer(weights)

    def observe(layer: int, role: str, rows: np.ndarray) -> None:
        squares = np.einsum("ij,ij->j", rows, rows, dtype=np.float64)
        key = (layer, role)
        sums[key] = sums[key] + squares if key in sums else squares

    transformer.observer = observe
    cache = KVCache(weights.config, 1, len(token_ids) + 1)
    from interns.local_model.model import SequenceChunk

    for start in range(0, len(token_ids), chunk):
        piece = np.asarray(token_ids[start : start + chunk], dtype=np.int64)
        # all_logits so the output layer sees every position too
        transformer.forward([SequenceChunk(0, piece, start, all_logits=True)], cache)
    return {key: (total / len(token_ids)).astype(np.float32) for key, total in sums.items()}


def calibrate(source: ModelSource, weights: ModelWeights | None = None) -> Importance:
    tokens = source.tokenizer.encode(calibration_text())[:CALIBRATION_TOKENS]
    return measure_importance(weights or fp32_weights(source), tokens)


__all__ = ["Importance", "calibrate", "calibration_text", "fp32_weights", "measure_importance", "LINEAR_ROLES"]
