"""Calling a flaky service with retries."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from fetchy.backoff import delays

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass
class Response:
    status: int
    body: str = ""


@dataclass
class Client:
    """Sends requests with `send`, retrying retryable statuses up to `max_attempts` attempts in all."""

    send: Callable[[str], Response]
    max_attempts: int = 3
    sleep: Callable[[float], None] = lambda seconds: None
    waited: list[float] = field(default_factory=list)

    def get(self, path: str) -> Response:
        """The first response that is not retryable, or the last one when every attempt failed."""
        response = self.send(path)
        for wait in delays(self.max_attempts):
            if response.status not in RETRY_STATUSES:
                break
            self.sleep(wait)
            self.waited.append(wait)
            response = self.send(path)
        return response
