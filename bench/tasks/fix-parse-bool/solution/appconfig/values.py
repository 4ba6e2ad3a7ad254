"""Typed values read from settings files."""

from __future__ import annotations

TRUE_WORDS = {"true", "yes", "on", "1"}
FALSE_WORDS = {"false", "no", "off", "0"}


def parse_bool(text: str) -> bool:
    """Read a boolean setting (true/yes/on/1 or false/no/off/0, any case); ValueError otherwise."""
    word = text.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"not a boolean: {text!r}")


def parse_int(text: str) -> int:
    return int(text.strip())
