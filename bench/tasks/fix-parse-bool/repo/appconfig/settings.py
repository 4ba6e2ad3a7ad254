"""The service's settings from "key = value" lines."""

from __future__ import annotations

from dataclasses import dataclass

from appconfig.values import parse_bool, parse_int


@dataclass
class Settings:
    debug: bool = False
    workers: int = 2


def load_settings(text: str) -> Settings:
    settings = Settings()
    for line in text.splitlines():
        if not line.strip():
            continue
        key, _, value = line.partition("=")
        key = key.strip()
        if key == "debug":
            settings.debug = parse_bool(value)
        elif key == "workers":
            settings.workers = parse_int(value)
    return settings
