import pytest

from pricecache.cache import TTLCache
from pricecache.expiry import expires_at, is_expired


def test_expires_at() -> None:
    assert expires_at(10.0, 5) == 15.0
    assert expires_at(0.0, 0.25) == 0.25
    with pytest.raises(ValueError):
        expires_at(1.0, 0)


def test_boundary() -> None:
    now = [100.0]
    cache = TTLCache(10, lambda: now[0])
    cache.put("k", "v")
    now[0] = 109.999
    assert cache.get("k") == "v"
    now[0] = 110.0
    assert cache.get("k") is None
    assert len(cache) == 0
    assert is_expired(5.0, 5.0) and not is_expired(5.0, 4.0)
