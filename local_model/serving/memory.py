"""What a served model needs in memory, and what the machine (or `--memory-limit-mb`) has free.

A model's need is estimated before it is loaded: its weights (the converted int4/int8 files when a
conversion exists, else the GGUF file, about the same size), its KV cache for every slot at the full
context, and the prefix cache's budget. The KV cache is mapped lazily, so a model rarely touches all
of it; the estimate is the most it can grow to, which is what must fit for two models to stay resident.

Free memory is the smaller of the machine's MemAvailable (/proc/meminfo; unknown elsewhere) and, with
`--memory-limit-mb`, the limit minus the needs of the models already loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MEMINFO = Path("/proc/meminfo")
MB = 1 << 20


def megabytes(size: int) -> str:
    """`1,536 MB`, or `0.4 MB` below ten (the tiny test models need fractions)."""
    value = size / MB
    return f"{value:,.0f} MB" if abs(value) >= 10 else f"{value:.1f} MB"


@dataclass(frozen=True)
class MemoryNeed:
    """The most a loaded model may hold: weights, KV cache (slots x context) and prefix cache."""

    weights: int
    kv_cache: int
    prefix_cache: int
    slots: int
    context: int

    @property
    def total(self) -> int:
        return self.weights + self.kv_cache + self.prefix_cache

    def describe(self) -> str:
        return (f"~{megabytes(self.total)} (weights {megabytes(self.weights)}, KV cache {megabytes(self.kv_cache)} for "
                f"{self.slots} slot{'s' if self.slots != 1 else ''} x {self.context} tokens, prefix cache {megabytes(self.prefix_cache)})")


def estimate_need(path: Path, quant: str, slots: int, context: int, prefix_cache_bytes: int, cache_dir: Path | None) -> MemoryNeed:
    """The need of the GGUF at `path` served with these settings (reads its header, never its weights)."""
    from interns.local_model.convert import MANIFEST, conversion_dir, scheme_of
    from interns.local_model.kv_cache import DEFAULT_BLOCK_SIZE
    from interns.local_model.source import open_model_source

    source = open_model_source(path, cache_dir)
    converted = conversion_dir(source, scheme_of(quant), cache_dir)
    if (converted / MANIFEST).exists():
        weights = sum(file.stat().st_size for file in converted.rglob("*") if file.is_file())
    else:  # not converted yet: the int4/int8 mix is about the size of the GGUF's own (Q5/Q8) tensors
        weights = path.stat().st_size
    config = source.config
    # as KVCache allocates it: the model's context at most, in whole blocks, keys and values in float32
    positions = -(-min(context, config.context_length) // DEFAULT_BLOCK_SIZE) * DEFAULT_BLOCK_SIZE
    kv_cache = 2 * config.n_layers * config.n_kv_heads * config.head_dim * 4 * slots * positions
    return MemoryNeed(weights, kv_cache, prefix_cache_bytes, slots, positions)


def available_bytes() -> int | None:
    """MemAvailable of this machine, or None where /proc/meminfo does not tell it."""
    try:
        for line in MEMINFO.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


@dataclass(frozen=True)
class FreeMemory:
    size: int
    source: str  # what bounds it, for the messages: "MemAvailable" or the limit and what loaded models hold


@dataclass(frozen=True)
class MemoryBudget:
    """Free memory for another model: MemAvailable, and `limit` (bytes) minus what loaded models need."""

    limit: int | None = None

    def free(self, held: int) -> FreeMemory:
        """`held`: the needs of the models loaded (or loading) now."""
        options = []
        if self.limit is not None:
            options.append(FreeMemory(self.limit - held, f"--memory-limit-mb {self.limit // MB} less {megabytes(held)} held by loaded models"))
        machine = available_bytes()
        if machine is not None:
            options.append(FreeMemory(machine, "MemAvailable"))
        return min(options, key=lambda free: free.size) if options else FreeMemory(1 << 62, "no limit known")
