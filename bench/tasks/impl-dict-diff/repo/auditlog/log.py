"""The audit log."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from auditlog.diff import diff_settings


def audit_entry(user: str, old: Mapping[str, Any], new: Mapping[str, Any]) -> str:
    """"<user> changed N setting(s):" followed by the indented changes, or "<user> changed nothing"."""
    changes = diff_settings(old, new)
    if not changes:
        return f"{user} changed nothing"
    return "\n".join([f"{user} changed {len(changes)} setting(s):", *(f"  {line}" for line in changes)])
