"""Hiding personal data before it reaches the logs."""

from __future__ import annotations


def mask_email(address: str) -> str:
    """Hide the local part of an e-mail address except its first and last character."""
    if address.count("@") != 1:
        raise ValueError(f"not an e-mail address: {address!r}")
    local, domain = address.split("@")
    if len(local) <= 2:
        hidden = "*" * len(local)
    else:
        hidden = local[0] + "*" * (len(local) - 2) + local[-1]
    return f"{hidden}@{domain}"
