"""One limiter per client."""

from __future__ import annotations

from apigate.window import FixedWindow


class LimiterRegistry:
    """Creates a FixedWindow for each client on its first request."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._limiters: dict[str, FixedWindow] = {}

    def allow(self, client: str, now: float) -> bool:
        limiter = self._limiters.get(client)
        if limiter is None:
            limiter = self._limiters[client] = FixedWindow(self.limit)
        return limiter.hit(now)
