"""Kinds of characters in a password."""

from __future__ import annotations


def char_classes(password: str) -> set[str]:
    """Which kinds of characters `password` contains, out of "lower", "upper", "digit" and "symbol".

    "lower" and "upper" are ASCII letters a-z and A-Z, "digit" is 0-9, and "symbol" is any other
    printable ASCII character except the space (such as "!" or "#"). Other characters (spaces,
    letters with accents, emoji) count as none of them.

    >>> sorted(char_classes("aB3!"))
    ['digit', 'lower', 'symbol', 'upper']
    """
    raise NotImplementedError
