"""The prompt templates: every text an intern says to a model, kept as data in prompt_templates.toml."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

TEMPLATES_FILE = Path(__file__).with_name("prompt_templates.toml")


@lru_cache(maxsize=1)
def templates() -> dict[str, Any]:
    """The templates by form (`function`, `edit_blocks`, `raw`), each a table of `str.format` texts."""
    return tomllib.loads(TEMPLATES_FILE.read_text(encoding="utf-8"))
