"""What the run view shows, kept as plain data and fed by the orchestrator's stream.

The same model is fed by a live run (LangGraph `updates` and `custom` events, in the UI thread) and by a
stored run (its events log, report and last checkpoint), so a reopened run looks like a live one did.
No Textual here: the widgets only read this model.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any, Callable

from interns.agents.events import describe, spec_of
from interns.agents.task_status import is_final


@dataclass
class TranscriptEntry:
    """One line or block of an intern's transcript."""

    kind: str  # round | context | attempt | answer | malformed | validating | acceptance_failed | validated | merged | conflict | post_merge_failed | infra_error | note
    text: str
    attempt: int = 0
    sample: int = 0
    tokens: int = 0
    seconds: float = 0.0


@dataclass
class AcceptanceRecord:
    """The acceptance result of one attempt (or of a post-merge check)."""

    attempt: int
    passed: bool
    command: str = ""
    exit_code: int | None = None
    output: str = ""
    stage: str = "attempt"  # attempt | post-merge | merge

    @property
    def failing_text(self) -> str:
        return f"$ {self.command}\n{self.output}" if self.command else self.output


@dataclass
class TaskView:
    id: str
    title: str = ""
    source: str = ""  # "path:line" of the spec
    review: str = "auto"
    depends_on: tuple[str, ...] = ()
    files: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    status: str = "pending"  # the outcome status (checkpointed truth)
    phase: str = "queued"  # what the intern is doing while the outcome is pending: queued | running | validating
    attempts: int = 0
    answers: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    seconds: float = 0.0
    started_at: float | None = None  # monotonic time of the current round's start (live runs)
    rounds: int = 0
    reason: str | None = None
    note: str = ""
    diff: str | None = None
    failing_output: str | None = None
    commit: str | None = None
    merge_commit: str | None = None
    branch: str | None = None
    approved: bool = False
    cancel_requested: bool = False
    tier: str | None = None  # the model of the cascade whose candidate passed
    tiers: list[dict[str, Any]] = field(default_factory=list)  # what each model of the cascade spent
    transcript: list[TranscriptEntry] = field(default_factory=list)
    acceptance: list[AcceptanceRecord] = field(default_factory=list)
    streams: dict[int, str] = field(default_factory=dict)  # sample -> its answer arriving token by token (best-of-N samples stream at once)
    revision: int = 0  # the model version of this task's last change (redraw only what changed)

    @property
    def tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    @property
    def streaming(self) -> str:
        """Every answer still arriving, in sample order."""
        return "".join(self.streams[sample] for sample in sorted(self.streams))

    @property
    def spec_path(self) -> str:
        return self.source.rsplit(":", 1)[0] if self.source else ""

    @property
    def spec_line(self) -> int:
        tail = self.source.rsplit(":", 1)[-1] if ":" in self.source else ""
        return int(tail) if tail.isdigit() else 1

    @property
    def last_failure(self) -> str | None:
        """The failing output a person would copy: the newest failed check, else the outcome's."""
        for record in reversed(self.acceptance):
            if not record.passed:
                return record.failing_text
        return self.failing_output


@dataclass
class RunModel:
    """Everything the run view needs; `version` increases on every change so the screen redraws lazily."""

    run_id: str = ""
    repo: str = ""
    sandbox: str = ""
    model_name: str = ""
    base_commit: str = ""
    status: str = "starting"  # starting | running | stopping | awaiting_review | interrupted | finished statuses from the report
    live: bool = False
    tasks: dict[str, TaskView] = field(default_factory=dict)
    awaiting_review: list[str] = field(default_factory=list)
    answer_seconds: float = 0.0  # summed model time of all answers (for tok/s)
    answer_completion_tokens: int = 0
    streamed_tokens: int = 0
    prior_seconds: float = 0.0  # elapsed before this session (a reopened run)
    live_since: float | None = None
    report: dict[str, Any] | None = None
    error: str | None = None
    version: int = 0
    clock: Callable[[], float] = time.monotonic

    # -- derived -----------------------------------------------------------------------------
    def display_status(self, task: TaskView) -> str:
        if task.status == "pending":
            return task.phase
        if task.status == "validated" and task.id in self.awaiting_review:
            return "awaiting review"
        return task.status

    def task_seconds(self, task: TaskView) -> float:
        if task.started_at is not None and task.status == "pending" and self.live:
            return task.seconds + (self.clock() - task.started_at)
        return task.seconds

    @property
    def elapsed(self) -> float:
        if self.live_since is not None:
            return self.prior_seconds + (self.clock() - self.live_since)
        return self.prior_seconds

    @property
    def tokens(self) -> int:
        return sum(task.tokens for task in self.tasks.values())

    @property
    def cost(self) -> float:
        return sum(task.cost for task in self.tasks.values())

    @property
    def tokens_per_second(self) -> float | None:
        if self.answer_seconds <= 0:
            return None
        return self.answer_completion_tokens / self.answer_seconds

    @property
    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for task in self.tasks.values():
            status = self.display_status(task)
            counts[status] = counts.get(status, 0) + 1
        return counts

    def task(self, task_id: str) -> TaskView:
        if task_id not in self.tasks:
            self.tasks[task_id] = TaskView(id=task_id, title=task_id)
        return self.tasks[task_id]

    def changed(self, task: TaskView | None = None) -> None:
        self.version += 1
        if task is not None:
            task.revision = self.version

    # -- tasks and outcomes (checkpointed state) ----------------------------------------------
    def set_tasks(self, tasks: dict[str, dict[str, Any]]) -> None:
        """The run's task list, in dependency order (after planning it may differ from the specs)."""
        ordered: dict[str, TaskView] = {}
        for task_id, data in tasks.items():
            view = self.tasks.get(task_id) or TaskView(id=task_id)
            view.title = data.get("title") or view.title or task_id
            view.source = data.get("source") or view.source
            view.review = data.get("review") or view.review
            view.depends_on = tuple(data.get("depends_on") or view.depends_on)
            view.files = tuple(data.get("files") or view.files)
            view.accept = tuple(data.get("accept") or view.accept)
            ordered[task_id] = view
            view.revision = self.version + 1
        # a task a plan replaced goes; one that already has an outcome stays visible
        for task_id, view in self.tasks.items():
            if task_id not in ordered and view.status != "pending":
                ordered[task_id] = view
        self.tasks = ordered
        self.changed()

    def apply_outcome(self, task_id: str, outcome: dict[str, Any]) -> None:
        task = self.task(task_id)
        status = str(outcome.get("status", task.status))
        if status == "pending" and task.status != "pending":  # sent back after a merge, or retried
            task.phase, task.note = "queued", ""
            if outcome.get("reason") in ("conflict", "post_merge_failed"):
                task.note = f"sent back: {outcome['reason'].replace('_', ' ')}"
        task.status = status
        for name in ("attempts", "answers", "prompt_tokens", "completion_tokens", "cost", "seconds", "rounds"):
            if name in outcome and outcome[name] is not None:
                setattr(task, name, outcome[name])
        for name in ("reason", "failing_output", "commit", "merge_commit", "branch", "tier"):
            if name in outcome:
                setattr(task, name, outcome[name])
        if outcome.get("tiers") is not None:
            task.tiers = list(outcome["tiers"])
        if outcome.get("diff"):
            task.diff = outcome["diff"]
        task.approved = bool(outcome.get("approved", task.approved))
        if status != "pending":
            task.started_at = None
            if is_final(status) and status != "merged" and task.reason:
                task.note = task.reason
            elif status == "merged":
                task.note = ""
        self.changed(task)

    def apply_update(self, payload: dict[str, Any]) -> None:
        """One LangGraph `updates` chunk: {node: its update} or {"__interrupt__": (Interrupt, ...)}."""
        for node, update in payload.items():
            if node == "__interrupt__":
                self._on_interrupt(update)
                continue
            if not isinstance(update, dict):
                continue
            if isinstance(update.get("tasks"), dict) and update["tasks"]:
                self.set_tasks(update["tasks"])
            for task_id, outcome in (update.get("outcomes") or {}).items():
                if isinstance(outcome, dict):
                    self.apply_outcome(task_id, outcome)
            if update.get("base_commit"):
                self.base_commit = update["base_commit"]

    def _on_interrupt(self, interrupts: Any) -> None:
        waiting: list[str] = []
        for item in interrupts or ():
            value = getattr(item, "value", item)
            for review in (value or {}).get("reviews", []) if isinstance(value, dict) else []:
                waiting.append(review["task"])
                task = self.task(review["task"])
                if review.get("diff"):
                    task.diff = review["diff"]
                task.revision = self.version + 1
        self.awaiting_review = waiting
        if waiting:
            self.status = "awaiting_review"
        self.changed()

    # -- custom events (the interns' own progress) ----------------------------------------------
    def apply(self, mode: str, payload: Any) -> None:
        if mode == "custom" and isinstance(payload, dict):
            self.apply_event(payload)
        elif mode == "updates" and isinstance(payload, dict):
            self.apply_update(payload)

    def apply_event(self, event: dict[str, Any]) -> None:
        kind = event.get("event")
        task_id = event.get("task")
        if not task_id or not kind:
            return
        if spec_of(event) is None:
            return  # a kind this version does not know
        # a kind without its own handler is shown as the vocabulary describes it
        handler = getattr(self, f"_on_{kind}", None) or self._show_described
        task = self.task(task_id)
        try:
            handler(task, event)
        except (KeyError, TypeError, ValueError, AttributeError) as error:  # an event shape this version does not know
            task.transcript.append(TranscriptEntry("note", f"(event {kind} not shown: {type(error).__name__}: {error})"))
        self.changed(task)

    def _show_described(self, task: TaskView, event: dict[str, Any]) -> None:
        line = describe(event)
        if line is not None:
            task.transcript.append(TranscriptEntry("note", line))

    def _on_task_started(self, task: TaskView, event: dict[str, Any]) -> None:
        task.phase, task.started_at = "running", self.clock()
        task.cancel_requested = False
        round_number = int(event.get("round") or 1)
        base = str(event.get("base") or "")[:10]
        task.transcript.append(TranscriptEntry("round", f"round {round_number} started" + (f" on {base}" if base else "")))

    def _on_context(self, task: TaskView, event: dict[str, Any]) -> None:
        files = event.get("files") or {}
        names = [f"{path} ({how})" if how and how != "whole" else str(path) for path, how in files.items()] if isinstance(files, dict) else [str(path) for path in files]
        shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        task.transcript.append(TranscriptEntry("context", f"context: {event.get('prompt_tokens', 0)} prompt tokens" + (f" · {shown}" if shown else "")))

    def _on_escalated(self, task: TaskView, event: dict[str, Any]) -> None:
        task.note = f"escalated to {event.get('model')}"
        self._show_described(task, event)

    def _on_attempt(self, task: TaskView, event: dict[str, Any]) -> None:
        task.phase = "running"
        task.attempts = max(task.attempts, int(event.get("attempt") or 0))
        task.transcript.append(TranscriptEntry("attempt", f"attempt {event.get('attempt')}", attempt=int(event.get("attempt") or 0)))

    def _on_token(self, task: TaskView, event: dict[str, Any]) -> None:
        """A streamed piece of an answer (`{"event": "token", "task", "attempt", "sample", "text"}`)."""
        sample = int(event.get("sample") or 1)
        task.streams[sample] = task.streams.get(sample, "") + str(event.get("text", ""))
        self.streamed_tokens += 1

    def _on_answer(self, task: TaskView, event: dict[str, Any]) -> None:
        prompt, completion = int(event.get("prompt_tokens") or 0), int(event.get("completion_tokens") or 0)
        seconds = float(event.get("seconds") or 0.0)
        task.streams.pop(int(event.get("sample") or 1), None)
        task.answers += 1
        task.prompt_tokens += prompt
        task.completion_tokens += completion
        self.answer_seconds += seconds
        self.answer_completion_tokens += completion
        task.transcript.append(TranscriptEntry("answer", str(event.get("text", "")), attempt=int(event.get("attempt") or 0), sample=int(event.get("sample") or 1), tokens=prompt + completion, seconds=seconds))

    def _on_malformed(self, task: TaskView, event: dict[str, Any]) -> None:
        task.note = "malformed answer"
        task.transcript.append(TranscriptEntry("malformed", f"malformed answer: {event.get('error')}", attempt=int(event.get("attempt") or 0)))

    def _on_validating(self, task: TaskView, event: dict[str, Any]) -> None:
        task.phase = "validating"
        task.transcript.append(TranscriptEntry("validating", "running the acceptance commands", attempt=int(event.get("attempt") or 0)))

    def _on_acceptance_failed(self, task: TaskView, event: dict[str, Any]) -> None:
        attempt = int(event.get("attempt") or 0)
        record = AcceptanceRecord(attempt, False, str(event.get("command") or ""), event.get("exit_code"), str(event.get("output") or ""))
        task.acceptance.append(record)
        task.phase = "running"
        task.failing_output = record.failing_text
        task.note = f"attempt {attempt}: exit {record.exit_code}"
        task.transcript.append(TranscriptEntry("acceptance_failed", f"`{record.command}` exited {record.exit_code}", attempt=attempt))

    def _on_validated(self, task: TaskView, event: dict[str, Any]) -> None:
        attempt = int(event.get("attempt") or 0)
        task.acceptance.append(AcceptanceRecord(attempt, True, output="all acceptance commands passed"))
        task.commit = event.get("commit") or task.commit
        task.transcript.append(TranscriptEntry("validated", f"passed acceptance ({str(task.commit or '')[:10]})", attempt=attempt))

    def _on_task_finished(self, task: TaskView, event: dict[str, Any]) -> None:
        status = str(event.get("status") or "")
        task.attempts = max(task.attempts, int(event.get("attempts") or 0))
        task.started_at = None
        if status and status != "pending":
            task.status = status
            if event.get("reason"):
                task.reason = str(event["reason"])
                if status != "validated":
                    task.note = task.reason

    def _on_merged(self, task: TaskView, event: dict[str, Any]) -> None:
        task.status, task.merge_commit, task.note = "merged", event.get("commit"), ""
        if task.id in self.awaiting_review:
            self.awaiting_review.remove(task.id)
        task.transcript.append(TranscriptEntry("merged", f"merged ({str(event.get('commit') or '')[:10]})"))

    def _on_conflict(self, task: TaskView, event: dict[str, Any]) -> None:
        files = ", ".join(event.get("files") or [])
        task.note = f"conflict: {files}"
        task.acceptance.append(AcceptanceRecord(task.attempts, False, output=f"merge conflict in {files}", stage="merge"))
        task.transcript.append(TranscriptEntry("conflict", f"merge conflict in {files}"))

    def _on_post_merge_failed(self, task: TaskView, event: dict[str, Any]) -> None:
        checked = event.get("checked")
        record = AcceptanceRecord(task.attempts, False, str(event.get("command") or ""), None, str(event.get("output") or ""), stage=f"post-merge ({checked})")
        task.acceptance.append(record)
        task.failing_output = record.failing_text
        task.note = describe(event) or ""
        task.transcript.append(TranscriptEntry("post_merge_failed", task.note))

    def _on_infra_error(self, task: TaskView, event: dict[str, Any]) -> None:
        task.status, task.note = "infra_error", str(event.get("error"))[:200]
        task.failing_output = str(event.get("error"))
        task.transcript.append(TranscriptEntry("infra_error", describe(event) or ""))

    # -- the report (written by Runner.finish) -------------------------------------------------
    def apply_report(self, report: dict[str, Any]) -> None:
        self.report = report
        self.run_id = report.get("run_id", self.run_id)
        self.sandbox = report.get("sandbox") or self.sandbox
        self.model_name = (report.get("model") or {}).get("intern") or self.model_name
        self.base_commit = report.get("base_commit") or self.base_commit
        for row in report.get("tasks", []):
            task = self.task(row["id"])
            task.title = row.get("title") or task.title
            task.source = row.get("source") or task.source
            self.apply_outcome(row["id"], {key: row.get(key) for key in ("status", "reason", "attempts", "answers", "prompt_tokens", "completion_tokens", "cost", "seconds", "commit", "merge_commit", "failing_output", "branch", "rounds") if key in row})
        self.awaiting_review = list(report.get("awaiting_review") or [])
        self.status = report.get("status") or self.status
        self.changed()
