"""How a task's status looks on screen: one label and one style per status, used by every widget."""

from __future__ import annotations

# display status -> (icon + label, rich style)
STATUS_LOOK: dict[str, tuple[str, str]] = {
    "queued": ("○ queued", "dim"),
    "running": ("● running", "cyan"),
    "validating": ("◐ validating", "yellow"),
    "validated": ("✓ validated", "green"),
    "awaiting review": ("◆ review", "bold yellow"),
    "merged": ("✔ merged", "bold green"),
    "failed": ("✘ failed", "red"),
    "conflicted": ("✘ conflicted", "magenta"),
    "budget_exhausted": ("✘ budget", "red"),
    "skipped": ("– skipped", "dim red"),
    "cancelled": ("– cancelled", "dim red"),
    "rejected": ("– rejected", "dim red"),
    "infra_error": ("✘ infra error", "bold red"),
}

# statuses a person may retry (a fresh round with the last failure as feedback)
RETRYABLE = frozenset({"failed", "conflicted", "budget_exhausted", "infra_error", "cancelled", "skipped"})

RUN_STATUS_STYLE: dict[str, str] = {
    "starting": "cyan", "running": "cyan", "stopping": "yellow", "awaiting_review": "bold yellow", "ok": "bold green",
    "finished": "green", "interrupted": "yellow", "tasks_failed": "red", "budget_exhausted": "red", "infrastructure": "bold red",
    "failed": "bold red", "bad_input": "red",
}


def status_label(status: str) -> str:
    return STATUS_LOOK.get(status, (status, ""))[0]


def status_style(status: str) -> str:
    return STATUS_LOOK.get(status, (status, ""))[1]
