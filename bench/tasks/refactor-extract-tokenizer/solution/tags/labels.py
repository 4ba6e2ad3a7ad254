"""User labels sent as "key=value; key=value" text."""

from __future__ import annotations

from tags.pairs import parse_pairs


def user_labels(text: str) -> list[str]:
    """"key:value" labels, sorted; keys lower-cased, empty parts skipped."""
    return sorted(f"{key}:{value}" for key, value in parse_pairs(text).items())
