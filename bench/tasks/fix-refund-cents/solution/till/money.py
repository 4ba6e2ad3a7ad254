"""Money helpers: the till keeps every amount as whole cents."""

from __future__ import annotations


def to_cents(amount: float) -> int:
    """An amount of money (a float such as 4.2 or -0.99) as whole cents, rounded to the nearest cent."""
    return round(amount * 100)


def format_cents(cents: int) -> str:
    """Cents as the till prints them: 1234 -> "12.34", -5 -> "-0.05"."""
    sign = "-" if cents < 0 else ""
    whole, part = divmod(abs(cents), 100)
    return f"{sign}{whole}.{part:02d}"


def parse_price(text: str) -> int:
    """A price typed at the till ("4.20", "4,20", " 3 ") in cents; ValueError if it is not a number."""
    cleaned = text.strip().replace(",", ".")
    if not cleaned:
        raise ValueError("empty price")
    return to_cents(float(cleaned))
