"""Scoring one task's run, and totals over many.

solved            the hidden tests pass on the run's integration commit
acceptance_passed every spine task of the run merged (the swarm said "done")
false_done        acceptance passed but the hidden tests fail: "done" that is not done
well_formed       1 - malformed_answers / answers (answers the edit parser could read)
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from pydantic import BaseModel, Field, computed_field

from interns.evaluation.commands import CommandResult

MERGED = "merged"


class SpineTaskOutcome(BaseModel):
    id: str
    status: str
    reason: str | None = None
    attempts: int = 0


class TaskResult(BaseModel):
    task: str
    kind: str
    difficulty: str
    solved: bool = False
    acceptance_passed: bool = False
    false_done: bool = False
    run_status: str | None = None  # the report's status, or None without a report
    run_exit_code: int | None = None
    error: str | None = None  # the harness could not evaluate the task properly (timeout, no report ...)
    log_tail: str = ""  # the end of `interns run`'s output when there was an error
    answers: int = 0
    malformed_answers: int = 0
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    tokens: int = 0
    cost: float = 0.0
    seconds: float = 0.0  # wall-clock of `interns run`
    run_seconds: float | None = None  # what the report says
    spine_tasks: list[SpineTaskOutcome] = Field(default_factory=list)
    integration_commit: str | None = None
    model: str | None = None  # the intern model the run reports
    hidden_exit_code: int | None = None
    hidden_output: str = ""

    @computed_field  # type: ignore[prop-decorator]
    @property
    def well_formed(self) -> float | None:
        return None if self.answers == 0 else round(1 - self.malformed_answers / self.answers, 4)

    @property
    def failure_reasons(self) -> list[str]:
        reasons = [f"{outcome.status}: {outcome.reason}" if outcome.reason else outcome.status for outcome in self.spine_tasks if outcome.status != MERGED]
        if self.error:
            reasons.append("harness: " + self.error.split(":")[0])
        if self.false_done:
            reasons.append("false done (hidden tests fail)")
        return reasons


def _int(value: Any) -> int:
    return int(value) if isinstance(value, (int, float)) else 0


def score(
    task: str,
    kind: str,
    difficulty: str,
    report: dict[str, Any] | None,
    hidden: CommandResult | None,
    seconds: float,
    error: str | None = None,
) -> TaskResult:
    """Combine a run's JSON report (see REPORT_SCHEMA) and the hidden tests' outcome."""
    result = TaskResult(task=task, kind=kind, difficulty=difficulty, seconds=round(seconds, 3), error=error)
    if report is not None:
        tasks = [entry for entry in report.get("tasks") or [] if isinstance(entry, dict)]
        result.run_status = report.get("status")
        result.run_exit_code = report.get("exit_code")
        result.run_seconds = report.get("seconds")
        result.integration_commit = report.get("integration_commit")
        models = report.get("model")
        result.model = str(models.get("intern")) if isinstance(models, dict) and models.get("intern") else None
        result.spine_tasks = [
            SpineTaskOutcome(id=str(entry.get("id")), status=str(entry.get("status")), reason=entry.get("reason"), attempts=_int(entry.get("attempts")))
            for entry in tasks
        ]
        for key in ("answers", "malformed_answers", "attempts", "prompt_tokens", "completion_tokens", "tokens"):
            setattr(result, key, sum(_int(entry.get(key)) for entry in tasks))
        if not result.tokens:
            result.tokens = result.prompt_tokens + result.completion_tokens
        result.cost = float(sum(entry.get("cost") or 0.0 for entry in tasks))
        result.acceptance_passed = bool(tasks) and all(entry.get("status") == MERGED for entry in tasks)
    if hidden is not None:
        result.hidden_exit_code = hidden.exit_code
        result.hidden_output = hidden.output[-3000:]
        result.solved = hidden.ok and result.integration_commit is not None
    result.false_done = result.acceptance_passed and not result.solved
    return result


class Totals(BaseModel):
    tasks: int = 0
    solved: int = 0
    acceptance_passed: int = 0
    false_done: int = 0
    errors: int = 0
    answers: int = 0
    malformed_answers: int = 0
    attempts: int = 0
    tokens: int = 0
    cost: float = 0.0
    seconds: float = 0.0
    solved_pct: float = 0.0
    acceptance_pct: float = 0.0
    false_done_pct: float = 0.0
    well_formed_pct: float | None = None
    mean_seconds_per_solved: float | None = None
    mean_attempts: float = 0.0
    solved_by_kind: dict[str, str] = Field(default_factory=dict)  # kind -> "solved/total"
    solved_by_difficulty: dict[str, str] = Field(default_factory=dict)
    failure_reasons: dict[str, int] = Field(default_factory=dict)  # most common first


def _pct(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _by(results: list[TaskResult], key: str) -> dict[str, str]:
    groups: dict[str, list[TaskResult]] = {}
    for result in results:
        groups.setdefault(getattr(result, key), []).append(result)
    return {name: f"{sum(r.solved for r in group)}/{len(group)}" for name, group in sorted(groups.items())}


def summarize(results: list[TaskResult]) -> Totals:
    totals = Totals(tasks=len(results))
    for result in results:
        totals.solved += result.solved
        totals.acceptance_passed += result.acceptance_passed
        totals.false_done += result.false_done
        totals.errors += result.error is not None
        totals.answers += result.answers
        totals.malformed_answers += result.malformed_answers
        totals.attempts += result.attempts
        totals.tokens += result.tokens
        totals.cost += result.cost
        totals.seconds += result.seconds
    totals.seconds = round(totals.seconds, 2)
    totals.solved_pct = _pct(totals.solved, totals.tasks)
    totals.acceptance_pct = _pct(totals.acceptance_passed, totals.tasks)
    totals.false_done_pct = _pct(totals.false_done, totals.tasks)
    if totals.answers:
        totals.well_formed_pct = _pct(totals.answers - totals.malformed_answers, totals.answers)
    solved_seconds = [result.seconds for result in results if result.solved]
    if solved_seconds:
        totals.mean_seconds_per_solved = round(sum(solved_seconds) / len(solved_seconds), 2)
    totals.mean_attempts = round(totals.attempts / totals.tasks, 2) if totals.tasks else 0.0
    totals.solved_by_kind = _by(results, "kind")
    totals.solved_by_difficulty = _by(results, "difficulty")
    reasons = Counter(reason for result in results for reason in result.failure_reasons)
    totals.failure_reasons = dict(reasons.most_common())
    return totals
