"""A resolved task: what one intern works on, with every inherited field filled in."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from interns.escalation import EscalationStep
from interns.specs.model import Budget


class Task(BaseModel):
    """A unit of work for one intern (one worktree, one branch, one merge)."""

    model_config = ConfigDict(frozen=True)

    id: str  # spec id, or "<spec id>/<task id>" when the spec lists tasks
    spec_id: str
    title: str
    description: str  # the spec body (+ the task's own description)
    files: tuple[str, ...]  # globs the intern may change
    context: tuple[str, ...] = ()  # globs it may read
    accept: tuple[str, ...]  # shell commands; all must exit 0
    depends_on: tuple[str, ...] = ()  # resolved task ids
    budget: Budget = Budget()
    model: str | None = None
    best_of: int = 1
    escalate: tuple[EscalationStep, ...] | None = None  # None: the config's models.escalate
    review: Literal["auto", "manual"] = "auto"
    setup: tuple[str, ...] = ()
    source: str = ""  # "path:line" of the spec (or task entry) it came from
    decompose: bool = False

    @property
    def branch_slug(self) -> str:
        return self.id
