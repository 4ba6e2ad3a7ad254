"""A sliding-log rate limiter."""

from __future__ import annotations

from collections import deque


class SlidingLog:
    """Allows at most `limit` events in any `period` seconds.

    It remembers the times of the events it allowed. Times are passed in (seconds, never going
    backwards) so tests need no clock.
    """

    def __init__(self, limit: int, period: float) -> None:
        if limit < 1 or period <= 0:
            raise ValueError("limit must be >= 1 and period > 0")
        self.limit = limit
        self.period = period
        self.times: deque[float] = deque()

    def allow(self, now: float) -> bool:
        """First forget every remembered time t with t <= now - period. Then, if fewer than
        `limit` times remain, remember `now` and return True; otherwise return False."""
        raise NotImplementedError

    def is_idle(self, now: float) -> bool:
        """True when no remembered time is still inside the window at `now` (t > now - period)."""
        return all(t <= now - self.period for t in self.times)
