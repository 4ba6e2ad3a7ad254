"""The most used words."""

from __future__ import annotations

from collections import Counter

from wordy.tokens import words


def top_words(text: str, n: int) -> list[tuple[str, int]]:
    """The `n` most frequent words with their counts, most frequent first, ties alphabetical."""
    counts = Counter(words(text))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]
