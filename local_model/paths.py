"""Where the engine keeps assembled models and converted weights."""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "INTERNS_CACHE_DIR"


def cache_root(override: str | os.PathLike[str] | None = None) -> Path:
    """`override`, else $INTERNS_CACHE_DIR, else $XDG_CACHE_HOME/interns, else ~/.cache/interns."""
    if override:
        return Path(override).expanduser()
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV]).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "interns"


def models_dir(override: str | os.PathLike[str] | None = None) -> Path:
    return cache_root(override) / "models"


def converted_dir(override: str | os.PathLike[str] | None = None) -> Path:
    return cache_root(override) / "converted"
