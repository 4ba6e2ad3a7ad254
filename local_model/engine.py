"""The engine: a loaded model, its tokenizer and a KV cache with sequence slots, behind a batch API.

    engine = Engine.load("qwen2.5-coder-0.5b", quant="int4", n_slots=4, max_seq_len=4096)
    logits = engine.forward([SequenceChunk(slot=0, token_ids=ids, start_pos=0)])

`forward` takes new tokens of any number of sequences (prompt chunks and single decode tokens mixed)
and runs them through every linear layer as one matrix-matrix product; each chunk's history must already
be in its slot (positions 0..start_pos-1). Generation helpers live in generate.py.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from interns.local_model.config import ModelConfig
from interns.local_model.convert import load_weights
from interns.local_model.kv_cache import DEFAULT_BLOCK_SIZE, KVCache
from interns.local_model.model import SequenceChunk, Transformer
from interns.local_model.registry import DEFAULT_MODEL, MODELS
from interns.local_model.source import ModelSource, open_model_source
from interns.local_model.tokenizer import ModelTokenizer
from interns.local_model.weights import DEFAULT_SCHEME

__all__ = ["Engine", "SequenceChunk", "LoadStats", "set_threads"]

DEFAULT_PREFILL_CHUNK = 256


@dataclass(frozen=True)
class LoadStats:
    seconds_total: float
    seconds_source: float
    seconds_weights: float
    conversion_dir: str | None


def set_threads(threads: int | None, quantised: bool = True) -> None:
    """Threads for our kernels; numpy's BLAS gets one thread beside them (two pools on two cores fight),
    or `threads` when the fp32 path makes BLAS do the heavy lifting."""
    from interns.local_model.blas_threads import set_blas_threads

    if threads:
        try:
            from interns.local_model import kernels

            kernels.set_num_threads(threads)
        except ImportError:
            pass
    if quantised:
        set_blas_threads(1)
    elif threads:
        set_blas_threads(threads)


class Engine:
    def __init__(
        self,
        source: ModelSource,
        transformer: Transformer,
        n_slots: int = 1,
        max_seq_len: int = 4096,
        block_size: int = DEFAULT_BLOCK_SIZE,
        load_stats: LoadStats | None = None,
    ) -> None:
        self.source = source
        self.transformer = transformer
        self.config: ModelConfig = source.config
        self.tokenizer: ModelTokenizer = source.tokenizer
        self.quant = transformer.weights.scheme.name
        max_seq_len = min(max_seq_len, self.config.context_length)
        self.cache = KVCache(self.config, n_slots, max_seq_len, block_size)
        self.load_stats = load_stats
        self.prefill_chunk = DEFAULT_PREFILL_CHUNK

    @classmethod
    def load(
        cls,
        model: str | os.PathLike[str] = DEFAULT_MODEL,
        quant: str = DEFAULT_SCHEME,
        n_slots: int = 1,
        max_seq_len: int = 4096,
        block_size: int = DEFAULT_BLOCK_SIZE,
        threads: int | None = None,
        cache_dir: str | os.PathLike[str] | None = None,
        progress=None,
    ) -> "Engine":
        """Load a registered model by name (installed on demand) or a GGUF file by path."""
        from interns.local_model.install import resolve_model_path

        started = time.perf_counter()
        set_threads(threads, quantised=quant != "fp32")
        path = resolve_model_path(str(model), cache_dir) if str(model) in MODELS else Path(model)
        source = open_model_source(path, cache_dir)
        after_source = time.perf_counter()
        weights = load_weights(source, quant, cache_dir, progress=progress)
        done = time.perf_counter()
        stats = LoadStats(
            seconds_total=done - started,
            seconds_source=after_source - started,
            seconds_weights=done - after_source,
            conversion_dir=weights.extras.get("conversion_dir"),
        )
        return cls(source, Transformer(weights), n_slots, max_seq_len, block_size, stats)

    # ---- the batch API -----------------------------------------------------------------------------
    def forward(self, batch: list[SequenceChunk]) -> list[np.ndarray]:
        """Logits per chunk: [vocab] for its last new token, or [n, vocab] when chunk.all_logits."""
        if not batch:
            return []
        return self.transformer.forward(batch, self.cache)

    def prefill(self, slot: int, token_ids: list[int] | np.ndarray, start_pos: int = 0, all_logits: bool = False) -> np.ndarray:
        """Run a (long) prompt into `slot` in chunks of `prefill_chunk`; returns the last logits
        (or all positions' logits when all_logits)."""
        token_ids = np.asarray(token_ids, dtype=np.int64)
        outputs = []
        for begin in range(0, len(token_ids), self.prefill_chunk):
            piece = token_ids[begin : begin + self.prefill_chunk]
            (logits,) = self.forward([SequenceChunk(slot, piece, start_pos + begin, all_logits)])
            outputs.append(logits)
        if all_logits:
            return np.concatenate(outputs, axis=0)
        return outputs[-1]

    def reset(self, slot: int = 0) -> None:
        self.cache.reset(slot)

    @property
    def n_slots(self) -> int:
        return self.cache.n_slots

    @property
    def max_seq_len(self) -> int:
        return self.cache.max_seq_len
