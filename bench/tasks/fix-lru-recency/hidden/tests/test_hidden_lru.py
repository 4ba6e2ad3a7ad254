import pytest

from memo.lru import LRUCache


def test_put_of_existing_key_counts_as_a_use() -> None:
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    cache.put("a", 10)
    cache.put("c", 3)
    assert cache.get("a") == 10
    assert "b" not in cache


def test_miss_does_not_change_order() -> None:
    cache = LRUCache(2)
    cache.put("a", 1)
    cache.put("b", 2)
    assert cache.get("zzz", "none") == "none"
    cache.put("c", 3)
    assert "a" not in cache


def test_capacity_one() -> None:
    cache = LRUCache(1)
    cache.put("a", 1)
    cache.put("b", 2)
    assert len(cache) == 1 and cache.get("b") == 2 and cache.get("a") is None


def test_long_sequence() -> None:
    cache = LRUCache(3)
    for key in "abc":
        cache.put(key, key.upper())
    cache.get("a")
    cache.get("b")
    cache.put("d", "D")
    assert sorted(k for k in "abcd" if k in cache) == ["a", "b", "d"]


def test_bad_capacity() -> None:
    with pytest.raises(ValueError):
        LRUCache(0)
