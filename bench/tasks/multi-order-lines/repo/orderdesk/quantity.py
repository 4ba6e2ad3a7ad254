"""Quantities as staff type them."""

from __future__ import annotations


def parse_quantity(text: str) -> int:
    """A positive whole quantity: "3", "3x", "x3", "3 pcs" or "3pcs" all mean 3.

    Spaces around the text are ignored and letters are matched in any case ("3 PCS").
    Zero, negative numbers and anything else raise ValueError.
    """
    raise NotImplementedError
