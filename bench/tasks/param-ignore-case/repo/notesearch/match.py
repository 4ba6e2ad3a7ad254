"""Matching lines of text."""

from __future__ import annotations

from collections.abc import Iterable


def matching_lines(lines: Iterable[str], word: str) -> list[tuple[int, str]]:
    """(line number from 1, line) for every line containing `word`."""
    return [(number, line) for number, line in enumerate(lines, start=1) if word in line]
