"""Headline capitalisation (the house style)."""

from __future__ import annotations

SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to"})


def headline(text: str) -> str:
    """`text` in the house headline style.

    Words are separated by single spaces (runs of whitespace collapse; the ends are trimmed). Every
    word gets its first letter upper-cased and the rest left as written ("iPhone" -> "IPhone",
    "NASA" stays), except words of SMALL_WORDS (compared in lower case), which are written in lower
    case unless they are the first or the last word. Hyphenated parts are treated as one word.

    >>> headline("the war of   the worlds")
    'The War of the Worlds'
    """
    raise NotImplementedError
