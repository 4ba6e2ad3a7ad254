"""What changed between two versions of a settings dictionary."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def diff_settings(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    """Human-readable changes from `old` to `new`, one line per key, keys in sorted order.

    A key only in `new` gives "+ key = <new value>", a key only in `old` gives "- key", a key whose
    value changed gives "~ key: <old value> -> <new value>"; unchanged keys give nothing. Values
    are written with repr(). When both values are dictionaries, the difference is taken inside
    them, with the key written as a dotted path ("~ db.port: 5432 -> 5433").

    >>> diff_settings({"a": 1, "b": 2}, {"b": 3, "c": 4})
    ['- a', '~ b: 2 -> 3', '+ c = 4']
    """
    raise NotImplementedError
