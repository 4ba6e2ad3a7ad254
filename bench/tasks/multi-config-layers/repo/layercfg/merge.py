"""Merging nested dicts."""

from __future__ import annotations

from typing import Any


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """A new dict: `base` with `override` applied on top.

    When both have a dict under the same key, those dicts are merged the same way (recursively);
    otherwise the value from `override` wins. Neither input is modified, and the result shares no
    nested dict with them.
    """
    raise NotImplementedError
