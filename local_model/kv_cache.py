"""Preallocated key/value cache: one contiguous region per sequence slot, addressed in blocks.

Layout per layer: keys[layer, slot, kv_head, position, head_dim] (values alike). Each slot's history is
contiguous, so attention reads it as a plain strided view with no gather. Prefix reuse works by copying
whole blocks of `block_size` positions between slots or in/out of an external prefix store
(`copy_prefix`, `export_blocks`, `import_blocks`); a copy of a 1,000-token prefix is ~24 MB for the
0.5B model, a few milliseconds, far cheaper than recomputing it.
"""

from __future__ import annotations

import numpy as np

from interns.errors import BadInputError
from interns.local_model.config import ModelConfig

DEFAULT_BLOCK_SIZE = 32


class KVCache:
    def __init__(self, config: ModelConfig, n_slots: int, max_seq_len: int, block_size: int = DEFAULT_BLOCK_SIZE) -> None:
        if n_slots < 1 or max_seq_len < 1:
            raise BadInputError(f"KV cache needs n_slots >= 1 and max_seq_len >= 1, got {n_slots}, {max_seq_len}")
        self.config = config
        self.n_slots = n_slots
        self.block_size = block_size
        # round capacity up to whole blocks
        self.max_seq_len = -(-max_seq_len // block_size) * block_size
        shape = (config.n_layers, n_slots, config.n_kv_heads, self.max_seq_len, config.head_dim)
        # np.zeros maps lazily: only pages a sequence actually touches become resident
        self.keys = np.zeros(shape, dtype=np.float32)
        self.values = np.zeros(shape, dtype=np.float32)
        self.lengths = np.zeros(n_slots, dtype=np.int64)  # valid positions per slot

    @property
    def bytes_per_token(self) -> int:
        return 2 * self.config.n_layers * self.config.n_kv_heads * self.config.head_dim * 4

    def check(self, slot: int, start: int, count: int) -> None:
        """Validate a write of `count` positions at `start` (history [0, start) must be valid)."""
        if not 0 <= slot < self.n_slots:
            raise BadInputError(f"KV slot {slot} out of range (0..{self.n_slots - 1})")
        if start < 0 or start > self.lengths[slot]:
            raise BadInputError(
                f"slot {slot}: start position {start} leaves a gap (cached length {int(self.lengths[slot])})"
            )
        if start + count > self.max_seq_len:
            raise BadInputError(
                f"slot {slot}: {start + count} positions exceed the context capacity {self.max_seq_len}"
            )

    def write(self, layer: int, slot: int, start: int, keys: np.ndarray, values: np.ndarray) -> None:
        """Store keys/values [n, kv_heads, head_dim] for positions start..start+n-1."""
        count = keys.shape[0]
        self.keys[layer, slot, :, start : start + count] = keys.transpose(1, 0, 2)
        self.values[layer, slot, :, start : start + count] = values.transpose(1, 0, 2)

    def view(self, layer: int, slot: int, length: int) -> tuple[np.ndarray, np.ndarray]:
        """Keys and values [kv_heads, length, head_dim] of positions 0..length-1 (views, no copy)."""
        return self.keys[layer, slot, :, :length], self.values[layer, slot, :, :length]

    def set_length(self, slot: int, length: int) -> None:
        self.lengths[slot] = length

    def reset(self, slot: int) -> None:
        """Forget a slot's history (its memory is reused by the next sequence)."""
        self.lengths[slot] = 0

    def truncate(self, slot: int, length: int) -> None:
        """Keep only the first `length` positions (e.g. roll back a rejected continuation)."""
        self.lengths[slot] = min(int(self.lengths[slot]), length)

    def copy_prefix(self, source_slot: int, target_slot: int, length: int) -> None:
        """Make target's first `length` positions equal source's (prefix sharing between slots)."""
        if length > self.lengths[source_slot]:
            raise BadInputError(f"slot {source_slot} holds {int(self.lengths[source_slot])} positions, not {length}")
        self.keys[:, target_slot, :, :length] = self.keys[:, source_slot, :, :length]
        self.values[:, target_slot, :, :length] = self.values[:, source_slot, :, :length]
        self.lengths[target_slot] = length

    def export_blocks(self, slot: int, first_block: int, n_blocks: int) -> tuple[np.ndarray, np.ndarray]:
        """Copies of whole blocks [layers, kv_heads, n_blocks * block_size, head_dim] for a prefix store."""
        start, stop = first_block * self.block_size, (first_block + n_blocks) * self.block_size
        if stop > self.lengths[slot]:
            raise BadInputError(f"slot {slot}: blocks up to position {stop} are not all computed")
        return self.keys[:, slot, :, start:stop].copy(), self.values[:, slot, :, start:stop].copy()

    def import_blocks(self, slot: int, first_block: int, keys: np.ndarray, values: np.ndarray) -> None:
        """Write blocks taken by export_blocks; the slot then holds a valid prefix up to their end."""
        start = first_block * self.block_size
        if start > self.lengths[slot]:
            raise BadInputError(f"slot {slot}: importing at {start} would leave a gap")
        stop = start + keys.shape[2]
        self.keys[:, slot, :, start:stop] = keys
        self.values[:, slot, :, start:stop] = values
        self.lengths[slot] = max(int(self.lengths[slot]), stop)
