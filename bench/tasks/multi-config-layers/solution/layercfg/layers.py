"""Loading configuration layers."""

from __future__ import annotations

import json
from typing import Any

from layercfg.merge import deep_merge


def load_layers(texts: list[str]) -> dict[str, Any]:
    """Parse each text as a JSON object and deep-merge them left to right (later layers win)."""
    result: dict[str, Any] = {}
    for number, text in enumerate(texts, start=1):
        layer = json.loads(text)
        if not isinstance(layer, dict):
            raise ValueError(f"layer {number} is not a JSON object")
        result = deep_merge(result, layer)
    return result
