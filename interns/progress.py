"""Live progress of a headless run: a rich table on a terminal, plain lines otherwise (CI logs)."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from rich.console import Console
from rich.live import Live
from rich.table import Table

from interns.agents.events import EventKind, describe
from interns.agents.task_status import status_style


@dataclass
class _Row:
    status: str = "queued"
    attempts: int = 0
    tokens: int = 0
    started: float | None = None
    seconds: float = 0.0
    note: str = ""


@dataclass
class RunProgress:
    """Feed it `(mode, payload)` pairs from Runner.events(); it keeps the screen (or log) current."""

    run_id: str
    task_ids: list[str]
    console: Console = field(default_factory=lambda: Console(stderr=True))
    live: bool | None = None
    rows: dict[str, _Row] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rows = {task_id: _Row() for task_id in self.task_ids}
        if self.live is None:
            self.live = self.console.is_terminal
        self._live = Live(self._table(), console=self.console, refresh_per_second=4, transient=False) if self.live else None

    def __enter__(self) -> "RunProgress":
        if self._live:
            self._live.__enter__()
        else:
            self._line(f"run {self.run_id}: {len(self.task_ids)} task(s)")
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._live:
            self._live.update(self._table())
            self._live.__exit__(*exc)

    def __call__(self, mode: str, payload: Any) -> None:
        if mode == "custom" and isinstance(payload, dict):
            self._on_event(payload)
        elif mode == "updates" and isinstance(payload, dict):
            for node_update in payload.values():
                outcomes = node_update.get("outcomes") if isinstance(node_update, dict) else None
                for task_id, outcome in (outcomes or {}).items():
                    self._on_outcome(task_id, outcome)
        if self._live:
            self._live.update(self._table())

    def _on_outcome(self, task_id: str, outcome: dict[str, Any]) -> None:
        """Checkpointed outcomes: the final word on a task's status and spending."""
        row = self.rows.setdefault(task_id, _Row())
        status = outcome.get("status", "pending")
        if status in ("skipped", "cancelled") and row.status != status:
            self._line(f"{task_id}: {status} ({outcome.get('reason')})")
        if status != "pending":
            row.status = status
        row.attempts = outcome.get("attempts", row.attempts)
        row.tokens = outcome.get("prompt_tokens", 0) + outcome.get("completion_tokens", 0)
        row.seconds = outcome.get("seconds", row.seconds)

    def _on_event(self, event: dict[str, Any]) -> None:
        """The table's columns follow the kinds handled here; the plain log prints every description."""
        task_id = event.get("task")
        if not task_id:
            return
        row = self.rows.setdefault(task_id, _Row())
        kind = event.get("event")
        handler = _HANDLERS.get(str(kind))
        if handler is not None:
            handler(self, row, event)
        line = describe(event)
        if line is not None:
            self._line(f"{task_id}: {line}")

    def _started(self, row: _Row, event: dict[str, Any]) -> None:
        row.status, row.started = "running", time.monotonic()

    def _attempt(self, row: _Row, event: dict[str, Any]) -> None:
        row.attempts, row.status = event["attempt"], "running"

    def _answer(self, row: _Row, event: dict[str, Any]) -> None:
        row.tokens += int(event.get("prompt_tokens", 0)) + int(event.get("completion_tokens", 0))

    def _validating(self, row: _Row, event: dict[str, Any]) -> None:
        row.status = "validating"

    def _validated(self, row: _Row, event: dict[str, Any]) -> None:
        row.status = "validated"

    def _finished(self, row: _Row, event: dict[str, Any]) -> None:
        if event.get("status") != "validated":  # validated is already shown, and merged follows
            row.status = str(event.get("status"))

    def _merged(self, row: _Row, event: dict[str, Any]) -> None:
        row.status = "merged"

    def _infra_error(self, row: _Row, event: dict[str, Any]) -> None:
        row.status, row.note = "infra_error", str(event.get("error"))[:120]

    def _noted(self, row: _Row, event: dict[str, Any]) -> None:
        row.note = describe(event) or row.note

    def _malformed(self, row: _Row, event: dict[str, Any]) -> None:
        row.note = "malformed answer"

    def _escalated(self, row: _Row, event: dict[str, Any]) -> None:
        row.note = f"escalated to {event.get('model')}"

    def _planned(self, row: _Row, event: dict[str, Any]) -> None:
        self.rows.pop(str(event.get("task")), None)  # the planned tasks take the spec's row

    def _line(self, text: str) -> None:
        if not self._live:
            print(f"[interns] {text}", file=sys.stderr, flush=True)

    def _table(self) -> Table:
        table = Table(title=f"interns run {self.run_id}", expand=False)
        for column in ("task", "status", "attempts", "tokens", "seconds", "note"):
            table.add_column(column, justify="right" if column in ("attempts", "tokens", "seconds") else "left")
        for task_id, row in self.rows.items():
            seconds = row.seconds or ((time.monotonic() - row.started) if row.started and row.status in ("running", "validating") else 0.0)
            style = status_style(row.status)
            table.add_row(task_id, f"[{style}]{row.status}[/]" if style else row.status, str(row.attempts), str(row.tokens), f"{seconds:.1f}", row.note[:60])
        return table


_Handler = Callable[[RunProgress, _Row, dict[str, Any]], None]

# what each kind does to the live table; a kind left out only prints its description
_HANDLERS: dict[str, _Handler] = {
    EventKind.TASK_STARTED: RunProgress._started,
    EventKind.ATTEMPT: RunProgress._attempt,
    EventKind.ANSWER: RunProgress._answer,
    EventKind.VALIDATING: RunProgress._validating,
    EventKind.VALIDATED: RunProgress._validated,
    EventKind.TASK_FINISHED: RunProgress._finished,
    EventKind.MERGED: RunProgress._merged,
    EventKind.INFRA_ERROR: RunProgress._infra_error,
    EventKind.ACCEPTANCE_FAILED: RunProgress._noted,
    EventKind.CONFLICT: RunProgress._noted,
    EventKind.POST_MERGE_FAILED: RunProgress._noted,
    EventKind.MALFORMED: RunProgress._malformed,
    EventKind.ESCALATED: RunProgress._escalated,
    EventKind.PLANNED: RunProgress._planned,
}

# kinds with neither a column nor a line: the context shown to the model, streamed tokens
IGNORED = frozenset({EventKind.CONTEXT, EventKind.TOKEN})


def summary_table(report: dict[str, Any]) -> Table:
    cascade = any(len(task.get("tiers") or []) > 1 for task in report["tasks"])
    by_tier = report.get("totals", {}).get("solved_by_tier") or {}
    caption = "solved by " + ", ".join(f"{model}: {count}" for model, count in by_tier.items()) if cascade and by_tier else None
    table = Table(title=f"run {report['run_id']}: {report['status']}", caption=caption)
    columns = ["task", "status", "reason", "attempts", "tokens", "seconds", "merge commit"] + (["solved by", "per model"] if cascade else [])
    for column in columns:
        table.add_column(column)
    for task in report["tasks"]:
        style = status_style(task["status"]) or "default"
        row = [task["id"], f"[{style}]{task['status']}[/]", task["reason"] or "", str(task["attempts"]), str(task["tokens"]), f"{task['seconds']:.1f}", (task["merge_commit"] or "")[:12]]
        if cascade:
            spent = "; ".join(f"{tier['model']}: {tier['attempts']} att, {tier['tokens']} tok, {tier['seconds']:.0f} s" for tier in task.get("tiers") or [])
            row += [task.get("tier") or "", spent]
        table.add_row(*row)
    return table
