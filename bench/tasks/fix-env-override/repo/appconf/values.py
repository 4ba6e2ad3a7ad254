"""Turning setting text into typed values."""

from __future__ import annotations

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off"}


def parse_value(text: str, kind: type) -> object:
    """`text` as a value of `kind` (bool, int, float or str); ValueError if it does not parse."""
    text = text.strip()
    if kind is bool:
        lowered = text.lower()
        if lowered in TRUE:
            return True
        if lowered in FALSE:
            return False
        raise ValueError(f"not a yes/no value: {text!r}")
    if kind is int:
        return int(text)
    if kind is float:
        return float(text)
    return text
