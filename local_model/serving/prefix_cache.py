"""KV state of prompt prefixes kept across requests, block by block, bounded, least recently used out.

A block is `block_size` consecutive tokens. Its key hashes the block's tokens together with the key of
the block before it, so a key names the whole prefix up to the block's end: two prompts share a cached
block exactly when they agree on every token up to there. Every intern of a run sends the same system
prompt and task preamble, and a retry repeats its first attempt up to the feedback, so those blocks are
computed once and copied into each new sequence's KV slot (a copy is far cheaper than a forward pass).

Eviction drops the least recently used blocks first. A lookup touches the blocks of a match from the
deepest to the first, so a prefix's early blocks (shared by more prompts) are always more recent than
their descendants and leave last: a cached chain never loses a middle block before its tail.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

ROOT_KEY = b"interns-prefix-root"


@dataclass(frozen=True)
class CachedBlock:
    keys: np.ndarray  # [layers, kv_heads, block_size, head_dim], as KVCache.export_blocks gives them
    values: np.ndarray

    @property
    def nbytes(self) -> int:
        return self.keys.nbytes + self.values.nbytes


@dataclass(frozen=True)
class PrefixCacheStats:
    blocks: int
    bytes: int
    max_bytes: int
    lookup_tokens: int  # prompt tokens that a cache hit could have covered
    hit_tokens: int  # of those, tokens served from the cache
    inserted_blocks: int
    evicted_blocks: int

    @property
    def hit_rate(self) -> float:
        return self.hit_tokens / self.lookup_tokens if self.lookup_tokens else 0.0


def block_keys(token_ids: Sequence[int], block_size: int, n_blocks: int | None = None) -> list[bytes]:
    """Chained keys of the first `n_blocks` full blocks of `token_ids` (all full blocks by default)."""
    full = len(token_ids) // block_size
    count = full if n_blocks is None else min(n_blocks, full)
    tokens = np.asarray(token_ids[: count * block_size], dtype=np.int64)
    keys: list[bytes] = []
    parent = ROOT_KEY
    for index in range(count):
        block = tokens[index * block_size : (index + 1) * block_size]
        parent = hashlib.blake2b(parent + block.tobytes(), digest_size=16).digest()
        keys.append(parent)
    return keys


class PrefixCache:
    """Thread-safe store of KV blocks keyed by prefix hash, at most `max_bytes` of arrays."""

    def __init__(self, block_size: int, max_bytes: int) -> None:
        self.block_size = block_size
        self.max_bytes = max(0, int(max_bytes))
        self._blocks: OrderedDict[bytes, CachedBlock] = OrderedDict()  # oldest first
        self._bytes = 0
        self._lock = threading.Lock()
        self._lookup_tokens = 0
        self._hit_tokens = 0
        self._inserted = 0
        self._evicted = 0

    @property
    def enabled(self) -> bool:
        return self.max_bytes > 0

    def match(self, keys: Sequence[bytes], *, known: int | None = None) -> list[CachedBlock]:
        """The cached blocks of the longest prefix of `keys` present, and count the lookup. With `known`
        (a sequence catching up: its lookup was counted when it started and it holds `known` blocks
        already), only blocks found beyond those count, as hits."""
        with self._lock:
            found: list[CachedBlock] = []
            for key in keys:
                block = self._blocks.get(key)
                if block is None:
                    break
                found.append(block)
            for key in reversed(keys[: len(found)]):
                self._blocks.move_to_end(key)
            if known is None:
                self._lookup_tokens += len(keys) * self.block_size
                self._hit_tokens += len(found) * self.block_size
            else:
                self._hit_tokens += max(0, len(found) - known) * self.block_size
            return found

    def store_chain(self, keys: Sequence[bytes], export: Callable[[int], CachedBlock]) -> int:
        """Make the chain `keys` cached: blocks not present are taken with `export(index)`. Returns how
        many blocks were added. The chain ends up most recent, its first block most of all."""
        added = 0
        for index, key in enumerate(keys):
            with self._lock:
                present = key in self._blocks
            if present:
                continue
            block = export(index)  # outside the lock: a copy of the slot's KV block
            if not self._insert(key, block):
                break  # a block larger than the whole budget: nothing deeper can be kept either
            added += 1
        with self._lock:
            for key in reversed(keys):
                if key in self._blocks:
                    self._blocks.move_to_end(key)
        return added

    def _insert(self, key: bytes, block: CachedBlock) -> bool:
        with self._lock:
            if key in self._blocks:
                return True
            if block.nbytes > self.max_bytes:
                return False
            while self._bytes + block.nbytes > self.max_bytes and self._blocks:
                _, evicted = self._blocks.popitem(last=False)
                self._bytes -= evicted.nbytes
                self._evicted += 1
            self._blocks[key] = block
            self._bytes += block.nbytes
            self._inserted += 1
            return True

    def clear(self) -> None:
        """Forget every block and every count (the server's warm-up burst is not traffic)."""
        with self._lock:
            self._blocks.clear()
            self._bytes = 0
            self._lookup_tokens = self._hit_tokens = self._inserted = self._evicted = 0

    def stats(self) -> PrefixCacheStats:
        with self._lock:
            return PrefixCacheStats(
                len(self._blocks), self._bytes, self.max_bytes, self._lookup_tokens, self._hit_tokens, self._inserted, self._evicted
            )
