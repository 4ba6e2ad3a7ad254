"""The prefix cache on its own: chained block keys, longest-prefix match, byte budget, LRU order."""

from __future__ import annotations

import numpy as np

from interns.local_model.serving.prefix_cache import CachedBlock, PrefixCache, block_keys

BLOCK = 4


def _block(fill: float) -> CachedBlock:
    # the shape KVCache.export_blocks gives for one block: [layers, kv_heads, block, head_dim]
    return CachedBlock(np.full((2, 1, BLOCK, 8), fill, np.float32), np.full((2, 1, BLOCK, 8), -fill, np.float32))


BLOCK_BYTES = _block(0).nbytes


def _store(cache: PrefixCache, tokens: list[int]) -> list[bytes]:
    keys = block_keys(tokens, BLOCK)
    cache.store_chain(keys, lambda index: _block(tokens[index * BLOCK]))
    return keys


def test_keys_name_the_whole_prefix_not_just_the_block() -> None:
    a = block_keys([1, 2, 3, 4, 5, 6, 7, 8], BLOCK)
    b = block_keys([9, 2, 3, 4, 5, 6, 7, 8], BLOCK)
    assert len(a) == 2 and a[0] != b[0]
    assert a[1] != b[1]  # same second block, different history
    assert block_keys([1, 2, 3, 4, 5, 6, 7], BLOCK) == a[:1]  # only full blocks
    assert block_keys([1, 2, 3, 4, 5, 6, 7, 8], BLOCK, n_blocks=1) == a[:1]


def test_match_returns_the_longest_cached_prefix_and_counts_hits() -> None:
    cache = PrefixCache(BLOCK, 100 * BLOCK_BYTES)
    _store(cache, list(range(12)))
    shared_then_different = list(range(8)) + [99, 98, 97, 96]
    found = cache.match(block_keys(shared_then_different, BLOCK))
    assert [block.keys[0, 0, 0, 0] for block in found] == [0, 4]
    stats = cache.stats()
    assert (stats.blocks, stats.lookup_tokens, stats.hit_tokens) == (3, 12, 8)
    assert stats.hit_rate == 8 / 12


def test_budget_is_kept_by_evicting_least_recently_used_chains() -> None:
    cache = PrefixCache(BLOCK, 4 * BLOCK_BYTES)
    old = _store(cache, [1] * 8)  # two blocks
    new = _store(cache, [2] * 8)  # two blocks: full now
    cache.match(old)  # old becomes the most recent
    _store(cache, [3] * 8)  # must evict two blocks: the chain `new`, untouched longest
    assert cache.stats().bytes <= 4 * BLOCK_BYTES
    assert len(cache.match(old)) == 2
    assert cache.match(new) == []
    assert cache.stats().evicted_blocks == 2


def test_a_chain_loses_its_tail_before_its_head() -> None:
    cache = PrefixCache(BLOCK, 3 * BLOCK_BYTES)
    chain = _store(cache, list(range(12)))  # three blocks fill the budget
    _store(cache, [7] * 4)  # one more block: one of the chain's must go, and it is the last one
    assert len(cache.match(chain)) == 2


def test_a_zero_budget_disables_the_cache() -> None:
    cache = PrefixCache(BLOCK, 0)
    assert not cache.enabled
    _store(cache, list(range(8)))
    assert cache.stats().blocks == 0
