"""Headline capitalisation (the house style)."""

from __future__ import annotations

SMALL_WORDS = frozenset({"a", "an", "and", "as", "at", "but", "by", "for", "in", "of", "on", "or", "the", "to"})


def headline(text: str) -> str:
    """`text` in the house headline style: small words lower-cased unless first or last, other words capitalised."""
    words = text.split()
    out = []
    for index, word in enumerate(words):
        if word.lower() in SMALL_WORDS and 0 < index < len(words) - 1:
            out.append(word.lower())
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)
