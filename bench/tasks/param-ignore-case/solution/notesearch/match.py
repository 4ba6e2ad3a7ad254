"""Matching lines of text."""

from __future__ import annotations

from collections.abc import Iterable


def matching_lines(lines: Iterable[str], word: str, ignore_case: bool = False) -> list[tuple[int, str]]:
    """(line number from 1, line) for every line containing `word` (ignoring case when asked)."""
    if ignore_case:
        wanted = word.casefold()
        return [(number, line) for number, line in enumerate(lines, start=1) if wanted in line.casefold()]
    return [(number, line) for number, line in enumerate(lines, start=1) if word in line]
