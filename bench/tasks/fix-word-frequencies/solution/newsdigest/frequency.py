"""Word counts for the digest's keyword cloud."""

from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9']+")


def word_frequencies(text: str) -> dict[str, int]:
    """Count words case-insensitively (runs of ASCII letters, digits or apostrophes)."""
    counts: dict[str, int] = {}
    for word in _WORD.findall(text.lower()):
        counts[word] = counts.get(word, 0) + 1
    return counts
