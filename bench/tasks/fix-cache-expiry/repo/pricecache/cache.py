"""A time-to-live cache in front of the rates service."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from pricecache.expiry import expires_at, is_expired


class TTLCache:
    """Remembers values for `ttl_seconds`; `clock` returns the current time in seconds."""

    def __init__(self, ttl_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.ttl_seconds = ttl_seconds
        self.clock = clock
        self._entries: dict[str, tuple[float, Any]] = {}
        self.misses = 0

    def put(self, key: str, value: Any) -> None:
        self._entries[key] = (expires_at(self.clock(), self.ttl_seconds), value)

    def get(self, key: str) -> Any | None:
        """The cached value, or None when there is none or it has expired (expired ones are dropped)."""
        entry = self._entries.get(key)
        if entry is None:
            return None
        expiry, value = entry
        if is_expired(expiry, self.clock()):
            del self._entries[key]
            return None
        return value

    def get_or_fetch(self, key: str, fetch: Callable[[str], Any]) -> Any:
        """The cached value, or a fresh one from `fetch` (which is then cached)."""
        value = self.get(key)
        if value is None:
            self.misses += 1
            value = fetch(key)
            self.put(key, value)
        return value

    def __len__(self) -> int:
        return len(self._entries)
