"""One line of a phone order."""

from __future__ import annotations


def parse_order_line(line: str) -> tuple[str, int]:
    """(sku, quantity) for a "<sku>, <quantity>" line such as "ab-123, 4 pcs".

    The SKU goes through normalize_sku and the quantity through parse_quantity. A line without
    exactly one comma raises ValueError.
    """
    raise NotImplementedError
