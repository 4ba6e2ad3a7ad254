"""The most used words."""

from __future__ import annotations


def top_words(text: str, n: int) -> list[tuple[str, int]]:
    """The `n` most frequent words of `text` (as `words` splits it) with their counts,
    most frequent first; words with equal counts in alphabetical order."""
    raise NotImplementedError
