"""Slugs for post URLs."""

from __future__ import annotations


def slugify(title: str) -> str:
    """Lower-case the title, keep ASCII letters and digits, turn every other run of characters
    into one "-", and strip "-" from both ends: "Hello, World!" -> "hello-world"."""
    raise NotImplementedError
