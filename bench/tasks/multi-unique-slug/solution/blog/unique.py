"""Slugs that no other post uses yet."""

from __future__ import annotations

from blog.slug import slugify


def unique_slug(title: str, taken: set[str]) -> str:
    """slugify(title), or when that slug is in `taken`, the first of slug-2, slug-3, ... that is
    not. A title whose slug is empty uses "post" as its slug."""
    slug = slugify(title) or "post"
    candidate = slug
    number = 2
    while candidate in taken:
        candidate = f"{slug}-{number}"
        number += 1
    return candidate
