"""Temperature units (results rounded to one decimal)."""

from __future__ import annotations


def fahrenheit_to_celsius(fahrenheit: float) -> float:
    """Convert degrees Fahrenheit to Celsius, rounded to one decimal."""
    return round(fahrenheit - 32 * 5 / 9, 1)


def celsius_to_fahrenheit(celsius: float) -> float:
    """Convert degrees Celsius to Fahrenheit, rounded to one decimal."""
    return round(celsius * 9 / 5 + 32, 1)
