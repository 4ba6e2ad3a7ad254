"""The checkpointed state of a run (what LangGraph saves after every step)."""

from __future__ import annotations

import operator
from typing import Annotated, Any, TypedDict


def merge_dicts(left: dict[str, Any] | None, right: dict[str, Any] | None) -> dict[str, Any]:
    """Reducer: parallel interns each write their own task's entry."""
    return {**(left or {}), **(right or {})}


class RunState(TypedDict, total=False):
    run_id: str
    base_commit: str
    tasks: dict[str, dict[str, Any]]  # task id -> Task.model_dump(), in dependency order
    outcomes: Annotated[dict[str, dict[str, Any]], merge_dicts]  # task id -> TaskOutcome.model_dump()
    merged_order: Annotated[list[str], operator.add]
    integration_commit: str
    stop_reason: str | None  # set when the run stops dispatching (infrastructure error, cancel)
    wave: int


class InternInput(TypedDict):
    """What `Send` hands one intern node."""

    task: dict[str, Any]  # Task.model_dump()
    base: str  # the integration head the task starts from
    previous: dict[str, Any] | None  # the last round's outcome when the task was sent back
