"""Stock-keeping unit codes."""

from __future__ import annotations


def normalize_sku(text: str) -> str:
    """The canonical form of a SKU as staff type it: spaces and "-" removed, letters upper-cased.

    "ab-12 3" -> "AB123". The result must be 3 to 12 characters, all ASCII letters or digits;
    otherwise ValueError.
    """
    raise NotImplementedError
