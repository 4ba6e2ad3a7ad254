"""Fixed-window rate limiting."""

from __future__ import annotations


class FixedWindow:
    """At most `limit` hits per window of 60 seconds; windows start at multiples of 60 s."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.period = 60.0
        self._window: int | None = None
        self._hits = 0

    def hit(self, now: float) -> bool:
        """Record a hit at time `now` (seconds); False when the current window is full."""
        window = int(now // self.period)
        if window != self._window:
            self._window = window
            self._hits = 0
        if self._hits >= self.limit:
            return False
        self._hits += 1
        return True
