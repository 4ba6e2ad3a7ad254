"""Count prompt tokens the way the intern's model will: its own tokenizer for the bundled models,
an estimate for remote ones (their tokenizers are not available offline)."""

from __future__ import annotations

import threading
from functools import lru_cache
from typing import Callable

from interns.local_model.registry import bundled_name

CHARS_PER_TOKEN = 3.2  # code tokenises denser than prose; err on the side of a smaller prompt

_lock = threading.Lock()


def estimate_tokens(text: str) -> int:
    return int(len(text) / CHARS_PER_TOKEN) + 1


@lru_cache(maxsize=8)
def _local_counter(name: str) -> Callable[[str], int] | None:
    try:
        from interns.local_model.install import installed_path
        from interns.local_model.source import open_model_source

        path = installed_path(name)
        if path is None:
            return None
        tokenizer = open_model_source(path).tokenizer
    except Exception:  # no engine or model here: the estimate still bounds the prompt
        return None
    return lambda text: len(tokenizer.encode(text))


def token_counter(model: str) -> Callable[[str], int]:
    name = bundled_name(model)
    if name is not None:
        with _lock:
            counter = _local_counter(name)
        if counter is not None:
            return counter
    return estimate_tokens
