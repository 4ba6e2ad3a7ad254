"""Kinds of characters in a password."""

from __future__ import annotations

import string


def char_classes(password: str) -> set[str]:
    """Which of "lower", "upper", "digit", "symbol" (printable ASCII, not space) `password` contains."""
    found = set()
    for char in password:
        if char in string.ascii_lowercase:
            found.add("lower")
        elif char in string.ascii_uppercase:
            found.add("upper")
        elif char in string.digits:
            found.add("digit")
        elif char in string.punctuation:
            found.add("symbol")
    return found
