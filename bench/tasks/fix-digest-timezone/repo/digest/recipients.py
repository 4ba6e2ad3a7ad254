"""Who gets which digest."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Recipient:
    email: str
    zone: str = "UTC"
    muted: bool = False


def active(recipients: list[Recipient]) -> list[Recipient]:
    """Recipients who have not muted the digest, sorted by e-mail address."""
    return sorted((r for r in recipients if not r.muted), key=lambda r: r.email.lower())


def by_zone(recipients: list[Recipient]) -> dict[str, list[str]]:
    """Active recipients' addresses grouped by time zone (one digest is rendered per zone)."""
    groups: dict[str, list[str]] = {}
    for recipient in active(recipients):
        groups.setdefault(recipient.zone, []).append(recipient.email)
    return groups
