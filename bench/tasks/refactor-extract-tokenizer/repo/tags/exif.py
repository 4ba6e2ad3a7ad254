"""Camera metadata sent as "key=value; key=value" text."""

from __future__ import annotations


def camera_info(text: str) -> dict[str, str]:
    """The camera fields of a metadata string; keys lower-cased, empty parts skipped."""
    pairs = {}
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        key, sep, value = part.partition("=")
        if not sep:
            raise ValueError(f"expected key=value: {part!r}")
        pairs[key.strip().lower()] = value.strip()
    return {key: pairs[key] for key in ("make", "model", "lens") if key in pairs}
