"""Word counts for the digest's keyword cloud."""

from __future__ import annotations


def word_frequencies(text: str) -> dict[str, int]:
    """Count words case-insensitively.

    A word is a run of ASCII letters, digits or apostrophes (so "don't" is one word); every
    other character separates words. Keys are lower-case.
    """
    counts: dict[str, int] = {}
    for word in text.split():
        counts[word] = counts.get(word, 0) + 1
    return counts
