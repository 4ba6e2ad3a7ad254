"""A task's status and everything that follows from it, written once: whether it is over, whether a
person may retry it, and how the CLI, the TUI and the Markdown summary show it.

Screens also show what a pending task is doing (queued, running, validating, awaiting review): those
phases are looked up here too, so every display reads one table. No run machinery is imported: the
TUI opens stored runs without loading LangGraph or litellm.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class TaskStatus(str, Enum):
    PENDING = "pending"
    VALIDATED = "validated"  # passed acceptance on its branch, waiting to merge
    MERGED = "merged"
    FAILED = "failed"
    CONFLICTED = "conflicted"
    BUDGET_EXHAUSTED = "budget_exhausted"
    SKIPPED = "skipped"  # a dependency did not merge
    INFRA_ERROR = "infra_error"
    CANCELLED = "cancelled"
    REJECTED = "rejected"  # a person rejected the merge (review: manual)

    @property
    def traits(self) -> "StatusTraits":
        return STATUS_TRAITS[self]

    @property
    def final(self) -> bool:
        return self.traits.final

    @property
    def retryable(self) -> bool:
        return self.traits.retryable


@dataclass(frozen=True)
class StatusTraits:
    label: str  # icon and name on screens (TUI)
    style: str  # rich style (CLI table, TUI)
    final: bool = False  # the task is over: nothing runs it again unless a person retries it
    retryable: bool = False  # `interns retry` and the TUI's retry accept it
    emoji: str = ""  # the Markdown summary's mark


STATUS_TRAITS: dict[TaskStatus, StatusTraits] = {
    TaskStatus.PENDING: StatusTraits("○ pending", "dim"),
    TaskStatus.VALIDATED: StatusTraits("✓ validated", "green", emoji="🔎"),
    TaskStatus.MERGED: StatusTraits("✔ merged", "bold green", final=True, emoji="✅"),
    TaskStatus.FAILED: StatusTraits("✘ failed", "red", final=True, retryable=True, emoji="❌"),
    TaskStatus.CONFLICTED: StatusTraits("✘ conflicted", "magenta", final=True, retryable=True, emoji="⚔️"),
    TaskStatus.BUDGET_EXHAUSTED: StatusTraits("✘ budget", "red", final=True, retryable=True, emoji="⌛"),
    TaskStatus.SKIPPED: StatusTraits("– skipped", "dim red", final=True, retryable=True, emoji="⏭️"),
    TaskStatus.INFRA_ERROR: StatusTraits("✘ infra error", "bold red", final=True, retryable=True, emoji="🛑"),
    TaskStatus.CANCELLED: StatusTraits("– cancelled", "dim red", final=True, retryable=True, emoji="⏹️"),
    TaskStatus.REJECTED: StatusTraits("– rejected", "dim red", final=True, retryable=True, emoji="🚫"),
}

# what a pending task is doing, as screens show it instead of "pending"
PHASE_TRAITS: dict[str, StatusTraits] = {
    "queued": StatusTraits("○ queued", "dim"),
    "running": StatusTraits("● running", "cyan"),
    "validating": StatusTraits("◐ validating", "yellow"),
    "awaiting review": StatusTraits("◆ review", "bold yellow"),
}

RETRYABLE: frozenset[TaskStatus] = frozenset(status for status, traits in STATUS_TRAITS.items() if traits.retryable)


def traits_of(status: str) -> StatusTraits | None:
    """The traits of a status or phase given as text (events, reports and checkpoints carry text)."""
    try:
        return STATUS_TRAITS[TaskStatus(status)]
    except ValueError:
        return PHASE_TRAITS.get(status)


def status_label(status: str) -> str:
    traits = traits_of(status)
    return traits.label if traits else status


def status_style(status: str) -> str:
    traits = traits_of(status)
    return traits.style if traits else ""


def status_emoji(status: str) -> str:
    traits = traits_of(status)
    return traits.emoji if traits else ""


def is_final(status: str) -> bool:
    traits = traits_of(status)
    return traits is not None and traits.final


def is_retryable(status: str) -> bool:
    traits = traits_of(status)
    return traits is not None and traits.retryable
