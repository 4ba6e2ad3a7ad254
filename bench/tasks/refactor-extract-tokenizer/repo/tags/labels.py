"""User labels sent as "key=value; key=value" text."""

from __future__ import annotations


def user_labels(text: str) -> list[str]:
    """"key:value" labels, sorted; keys lower-cased, empty parts skipped."""
    pairs = {}
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"expected key=value: {part!r}")
        pairs[key.strip().lower()] = value.strip()
    return sorted(f"{key}:{value}" for key, value in pairs.items())
