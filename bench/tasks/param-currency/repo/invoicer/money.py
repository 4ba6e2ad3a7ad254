"""Formatting money amounts."""

from __future__ import annotations


def format_amount(value: float) -> str:
    """Two decimals and the currency code: 12.5 -> "12.50 EUR"."""
    return f"{value:.2f} EUR"
