"""Layered settings: defaults < config file < environment."""

from __future__ import annotations

from collections.abc import Mapping

from appconf.values import parse_value

DEFAULTS: dict[str, object] = {"workers": 4, "debug": False, "timeout": 30.0, "queue": "default", "retries": 3}
PREFIX = "WORKER_"


def parse_file(text: str) -> dict[str, str]:
    """"key = value" lines of the config file; blank lines and "#" comments are skipped."""
    pairs = {}
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        key, sep, value = line.partition("=")
        if not sep:
            raise ValueError(f"expected key = value: {line!r}")
        pairs[key.strip()] = value.strip()
    return pairs


def load_settings(file_text: str, environ: Mapping[str, str]) -> dict[str, object]:
    """The settings: each known key takes the default, then the file's value if there is one, then
    the environment's (WORKER_<KEY> in upper case) if it is set. Values are parsed to the type of
    the default. Unknown keys in the file raise KeyError."""
    settings = dict(DEFAULTS)
    for key, text in parse_file(file_text).items():
        if key not in DEFAULTS:
            raise KeyError(f"unknown setting {key!r}")
        settings[key] = parse_value(text, type(DEFAULTS[key]))
    for key, default in DEFAULTS.items():
        raw = environ.get(PREFIX + key.upper())
        value = parse_value(raw, type(default)) if raw is not None else None
        if value:
            settings[key] = value
    return settings
