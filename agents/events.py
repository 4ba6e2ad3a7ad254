"""The run's vocabulary: every event the interns, the merge step, the planner and the runner emit.

An event is a plain dict `{"event": <kind>, "task": <id>, ...}` (it goes through LangGraph's custom
stream and one JSON line of the events log). Each kind says here, once, what a person reads of it
(`describe`) and whether the events log keeps it. Readers dispatch over this table:

- the CLI progress (interns/progress.py) prints every description and keeps its table's columns;
- the TUI run model (tui/run_model.py) shows a kind it has no handler for as its description;
- the runner (agents/runner.py) logs the kinds that are `logged`;
- the JSON report (agents/report.py) lists each task's described events as its timeline.

So a kind with a description reaches all of them by being added here; a kind without one must be
handled or explicitly ignored by each reader (tests/architecture/test_run_vocabulary.py checks).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

Event = Mapping[str, Any]


class EventKind(StrEnum):
    PLANNED = "planned"
    PLAN_FAILED = "plan_failed"
    TASK_STARTED = "task_started"
    TIER_SKIPPED = "tier_skipped"
    ESCALATED = "escalated"
    CONTEXT = "context"
    ATTEMPT = "attempt"
    TOKEN = "token"
    ANSWER = "answer"
    MALFORMED = "malformed"
    VALIDATING = "validating"
    ACCEPTANCE_FAILED = "acceptance_failed"
    RANKED = "ranked"
    VALIDATED = "validated"
    TAMPERED = "tampered"
    TASK_FINISHED = "task_finished"
    CONFLICT = "conflict"
    POST_MERGE_FAILED = "post_merge_failed"
    MERGED = "merged"
    INFRA_ERROR = "infra_error"
    LEFTOVERS_REMOVED = "leftovers_removed"


@dataclass(frozen=True)
class EventSpec:
    # the line a person reads of one event (None for an event not worth a line); a kind without it
    # is one only specific handlers show (streamed tokens, answers, the context shown to the model)
    describe: Callable[[Event], str | None] | None = None
    logged: bool = True  # kept in the events log (and so in the report); streamed tokens are not


def _started(event: Event) -> str:
    # `node`: the Ray node an intern runs on (--executor ray); a task re-run after its node died starts twice
    where = f" on node {str(event['node'])[:8]}" if event.get("node") else ""
    return "started" + (f" (round {event['round']})" if event.get("round", 1) > 1 else "") + where


def _finished(event: Event) -> str | None:
    # a validated task is told by `validated`, then `merged`
    return None if event.get("status") == "validated" else f"{event.get('status')} ({event.get('reason')})"


def _ranked(event: Event) -> str:
    told = f"attempt {event.get('attempt')}: {event.get('candidates')} candidates passed; "
    if event.get("error"):
        return told + f"kept sample {event.get('chosen')} unranked ({event.get('error')})"
    return told + f"docstring checks passed of {event.get('checks')}: {event.get('scores')}, kept the best"


VOCABULARY: dict[str, EventSpec] = {
    EventKind.PLANNED: EventSpec(lambda e: "planned as " + ", ".join(e.get("tasks") or [])),
    EventKind.PLAN_FAILED: EventSpec(lambda e: f"plan not usable ({e.get('error')}); running the spec as one task"),
    EventKind.TASK_STARTED: EventSpec(_started),
    EventKind.TIER_SKIPPED: EventSpec(lambda e: f"skipped a tier: {e.get('reason')}"),
    EventKind.ESCALATED: EventSpec(lambda e: f"escalated to {e.get('model')} (tier {e.get('tier')})"),
    EventKind.CONTEXT: EventSpec(),
    EventKind.ATTEMPT: EventSpec(),
    EventKind.TOKEN: EventSpec(logged=False),
    EventKind.ANSWER: EventSpec(),
    EventKind.MALFORMED: EventSpec(lambda e: f"attempt {e.get('attempt')}: malformed answer: {e.get('error')}"),
    EventKind.VALIDATING: EventSpec(),
    EventKind.ACCEPTANCE_FAILED: EventSpec(lambda e: f"attempt {e.get('attempt')}: `{e.get('command')}` exit {e.get('exit_code')}"),
    EventKind.RANKED: EventSpec(_ranked),
    EventKind.VALIDATED: EventSpec(lambda e: f"passed acceptance on attempt {e.get('attempt')}"),
    EventKind.TAMPERED: EventSpec(lambda e: f"worktree tampered with: {e.get('error')}"),
    EventKind.TASK_FINISHED: EventSpec(_finished),
    EventKind.CONFLICT: EventSpec(lambda e: "conflict: " + ", ".join(e.get("files") or [])),
    EventKind.POST_MERGE_FAILED: EventSpec(lambda e: f"post-merge check failed ({e.get('checked')})"),
    EventKind.MERGED: EventSpec(lambda e: f"merged ({str(e.get('commit'))[:12]})"),
    EventKind.INFRA_ERROR: EventSpec(lambda e: f"infrastructure error: {e.get('error')}"),
    EventKind.LEFTOVERS_REMOVED: EventSpec(lambda e: "removed a killed run's leftovers: " + ", ".join(e.get("paths") or [])),
}


def spec_of(event: Event) -> EventSpec | None:
    """The kind of `event` as this version knows it (None: an unknown kind, shown by no reader)."""
    return VOCABULARY.get(str(event.get("event")))


def describe(event: Event) -> str | None:
    spec = spec_of(event)
    return spec.describe(event) if spec is not None and spec.describe is not None else None


def is_logged(event: Event) -> bool:
    spec = spec_of(event)
    return spec is None or spec.logged  # an unknown kind is kept: the log is the run's record
