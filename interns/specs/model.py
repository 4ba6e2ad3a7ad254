"""The pydantic schema of a spec file's front matter."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from interns.escalation import EscalationStep

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


def _check_id(value: str) -> str:
    # ids become parts of git branch names, so keep them to a safe alphabet
    if not ID_PATTERN.match(value) or value.endswith((".", ".lock")) or ".." in value:
        raise ValueError(f"id {value!r} must be letters, digits, '.', '_' or '-' (it names a git branch)")
    return value


DEFAULT_ATTEMPTS = 3


class Budget(BaseModel):
    """How much one task may spend before it is given up."""

    model_config = ConfigDict(extra="forbid")

    # unset (None): DEFAULT_ATTEMPTS, or `models.attempts_before_escalating` when a cascade follows (kept
    # apart from a written 3: the task travels through the run's checkpoints, which keep no "was it set")
    attempts: int | None = Field(default=None, ge=1, le=100, description=f"model answers tried (per sample); default {DEFAULT_ATTEMPTS}")
    tokens: int = Field(default=60_000, ge=100, description="prompt + completion tokens, all attempts")
    seconds: float = Field(default=1800, gt=0, description="wall-clock seconds for the whole task")


class _TaskFields(BaseModel):
    """Fields a spec and each of its tasks share (a task inherits what it leaves out)."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True)

    title: str | None = None
    files: list[str] | None = None
    context: list[str] | None = None
    accept: list[str] | None = None
    depends_on: list[str] | None = None
    budget: Budget | None = None
    model: str | None = None
    best_of: int | None = Field(default=None, ge=1, le=32)
    escalate: list[EscalationStep] | None = None  # the cascade after `model` (default: models.escalate)
    review: Literal["auto", "manual"] | None = None
    setup: list[str] | None = None

    @field_validator("files", "context", "accept", "depends_on", "setup", mode="before")
    @classmethod
    def _single_string_is_a_list(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class TaskEntry(_TaskFields):
    """One crisp task listed under a spec's `tasks:`."""

    id: str
    description: str = ""

    @field_validator("id")
    @classmethod
    def _valid_id(cls, value: str) -> str:
        return _check_id(value)


class SpecFile(_TaskFields):
    """A spec file's front matter."""

    id: str
    title: str  # required on the spec itself
    decompose: bool = False  # let the planner model split the spec into tasks
    tasks: list[TaskEntry] | None = None

    @field_validator("id")
    @classmethod
    def _valid_id(cls, value: str) -> str:
        return _check_id(value)


SPEC_KEYS = sorted(SpecFile.model_fields)
TASK_KEYS = sorted(TaskEntry.model_fields)
BUDGET_KEYS = sorted(Budget.model_fields)
