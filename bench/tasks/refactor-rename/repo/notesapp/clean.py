"""Cleaning user-typed text."""

from __future__ import annotations


def cln(text: str) -> str:
    """Collapse every run of whitespace to one space and strip both ends."""
    return " ".join(text.split())
