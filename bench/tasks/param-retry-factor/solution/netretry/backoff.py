"""How long to wait between tries."""

from __future__ import annotations


def backoff_delays(attempts: int, base: float = 0.5, factor: float = 2.0) -> list[float]:
    """Seconds to wait before each retry: base, base*factor, base*factor**2, ... (attempts - 1 values)."""
    return [base * factor**n for n in range(attempts - 1)]
