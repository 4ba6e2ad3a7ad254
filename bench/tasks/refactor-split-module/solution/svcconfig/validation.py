"""Validating configuration values."""

from __future__ import annotations


def validate_port(value: str) -> int:
    """A TCP port number between 1 and 65535."""
    port = int(value)
    if not 1 <= port <= 65535:
        raise ValueError(f"port out of range: {port}")
    return port


def validate_host(value: str) -> str:
    """A host name: non-empty, no spaces, lower-cased."""
    host = value.strip().lower()
    if not host or " " in host:
        raise ValueError(f"bad host: {value!r}")
    return host
