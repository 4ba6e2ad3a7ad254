"""Typed values read from settings files."""

from __future__ import annotations

TRUE_WORDS = {"true", "yes", "on", "1"}
FALSE_WORDS = {"false", "no", "off", "0"}


def parse_bool(text: str) -> bool:
    """Read a boolean setting.

    true/yes/on/1 mean True, false/no/off/0 mean False, in any letter case and with
    surrounding spaces ignored. Anything else raises ValueError.
    """
    return bool(text)


def parse_int(text: str) -> int:
    return int(text.strip())
