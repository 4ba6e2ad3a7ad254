"""Version strings such as "1.4.2" or "2.0.0-rc1"."""

from __future__ import annotations

import re

_VERSION = re.compile(r"v?(\d+(?:\.\d+)*)(?:-(rc|beta|alpha)(\d+))?")


def is_version(text: str) -> bool:
    """Whether `text` looks like a version: digits separated by dots, an optional leading "v", and
    an optional pre-release suffix "-alpha<N>", "-beta<N>" or "-rc<N>"."""
    return _VERSION.fullmatch(text.strip()) is not None


def version_key(text: str) -> tuple:
    """A sort key that orders versions as people expect: numerically part by part ("1.9" < "1.10"),
    missing parts count as 0 ("1.2" == "1.2.0"), and a pre-release comes before its release, alpha
    before beta before rc ("2.0.0-alpha1" < "2.0.0-beta2" < "2.0.0-rc1" < "2.0.0")."""
    match = _VERSION.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a version: {text!r}")
    numbers, stage, stage_number = match.groups()
    return (numbers, stage or "", stage_number or "")
