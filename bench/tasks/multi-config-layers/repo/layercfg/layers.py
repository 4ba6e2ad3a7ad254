"""Loading configuration layers."""

from __future__ import annotations

from typing import Any


def load_layers(texts: list[str]) -> dict[str, Any]:
    """Parse each text as a JSON object and deep-merge them left to right (later layers win).
    An empty list gives {}. A layer that is not a JSON object raises ValueError."""
    raise NotImplementedError
