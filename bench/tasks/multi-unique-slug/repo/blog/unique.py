"""Slugs that no other post uses yet."""

from __future__ import annotations


def unique_slug(title: str, taken: set[str]) -> str:
    """slugify(title), or when that slug is in `taken`, the first of slug-2, slug-3, ... that is
    not. A title whose slug is empty uses "post" as its slug."""
    raise NotImplementedError
