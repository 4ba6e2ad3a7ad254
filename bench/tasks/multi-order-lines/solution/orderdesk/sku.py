"""Stock-keeping unit codes."""

from __future__ import annotations

import re

_SKU = re.compile(r"[A-Z0-9]{3,12}")


def normalize_sku(text: str) -> str:
    """The canonical form of a SKU: spaces and "-" removed, upper-cased; 3-12 letters/digits."""
    sku = text.replace(" ", "").replace("-", "").upper()
    if not _SKU.fullmatch(sku):
        raise ValueError(f"not a SKU: {text!r}")
    return sku
