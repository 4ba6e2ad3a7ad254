"""Splitting text into words."""

from __future__ import annotations

import re


def words(text: str) -> list[str]:
    """The words of `text` (runs of ASCII letters), lower-cased, in order."""
    return re.findall(r"[a-z]+", text.lower())
