"""Quantities as staff type them."""

from __future__ import annotations

import re

_QUANTITY = re.compile(r"(\d+)(?:x| ?pcs)?|x(\d+)")


def parse_quantity(text: str) -> int:
    """A positive whole quantity: "3", "3x", "x3", "3 pcs" or "3pcs" all mean 3."""
    match = _QUANTITY.fullmatch(text.strip().lower())
    if match is None:
        raise ValueError(f"not a quantity: {text!r}")
    quantity = int(match.group(1) or match.group(2))
    if quantity < 1:
        raise ValueError(f"quantity must be positive: {text!r}")
    return quantity
