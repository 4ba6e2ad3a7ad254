"""When cache entries expire. Every time here is in seconds, as time.monotonic() gives it."""

from __future__ import annotations


def expires_at(now: float, ttl_seconds: float) -> float:
    """The moment an entry stored at `now` with a time-to-live of `ttl_seconds` expires."""
    if ttl_seconds <= 0:
        raise ValueError("ttl must be positive")
    return now + ttl_seconds * 1000


def is_expired(expiry: float, now: float) -> bool:
    """Whether an entry with this expiry is stale at `now` (it is stale from the expiry moment on)."""
    return now >= expiry
