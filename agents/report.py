"""The run report (JSON) and the exit code it implies."""

from __future__ import annotations

from typing import Any

from interns.agents.events import EventKind, describe
from interns.agents.outcome import TaskOutcome, TaskStatus
from interns.agents.run_store import RunRecord
from interns.exit_codes import ExitCode
from interns.tools.git_repo import integration_branch

STATUS_NAMES = {
    ExitCode.OK: "ok",
    ExitCode.TASKS_FAILED: "tasks_failed",
    ExitCode.BAD_INPUT: "bad_input",
    ExitCode.INFRASTRUCTURE: "infrastructure",
    ExitCode.BUDGET_EXHAUSTED: "budget_exhausted",
    ExitCode.INTERRUPTED: "interrupted",
}


def exit_code_for(outcomes: list[TaskOutcome], interrupted: bool = False) -> ExitCode:
    """3 infrastructure > 130 interrupted > 1 failed/conflicted > 4 budget > 0 all merged."""
    statuses = [outcome.status for outcome in outcomes]
    if TaskStatus.INFRA_ERROR in statuses:
        return ExitCode.INFRASTRUCTURE
    if interrupted or any(not status.final for status in statuses):
        return ExitCode.INTERRUPTED
    unmerged = [outcome for outcome in outcomes if outcome.status is not TaskStatus.MERGED]
    if not unmerged:
        return ExitCode.OK
    budget_only = all(o.status is TaskStatus.BUDGET_EXHAUSTED or (o.status is TaskStatus.SKIPPED) for o in unmerged) and any(o.status is TaskStatus.BUDGET_EXHAUSTED for o in unmerged)
    return ExitCode.BUDGET_EXHAUSTED if budget_only else ExitCode.TASKS_FAILED


def reason_for(code: ExitCode, outcomes: list[TaskOutcome]) -> str | None:
    if code is ExitCode.OK:
        return None
    troubled = [o for o in outcomes if o.status is not TaskStatus.MERGED]
    first = next((o for o in troubled if o.status is TaskStatus.INFRA_ERROR), troubled[0] if troubled else None)
    if code is ExitCode.INTERRUPTED:
        return "interrupted"
    if first is None:
        return None
    return f"{first.id}: {first.status.value}" + (f" ({first.reason})" if first.reason else "")


REASON_CODES = {
    "failed": "validation failed", "budget_exhausted": "budget", "conflicted": "conflict", "skipped": "dependency failed",
    "cancelled": "cancelled", "rejected": "rejected in review",
}


def reason_code_for(code: ExitCode, outcomes: list[TaskOutcome], awaiting_review: bool) -> str | None:
    """One word-ish reason a CI job can branch on: validation failed, conflict, budget, model
    unreachable, sandbox error, git error, interrupted, awaiting review, ..."""
    if code is ExitCode.OK:
        return None
    if awaiting_review:
        return "awaiting review"
    if code is ExitCode.INTERRUPTED:
        return "interrupted"
    infra = next((o for o in outcomes if o.status is TaskStatus.INFRA_ERROR), None)
    if infra is not None:
        return infra.reason or "infrastructure"
    first = next((o for o in outcomes if o.status is not TaskStatus.MERGED), None)
    if first is None:
        return None
    if first.status is TaskStatus.FAILED and first.reason in ("post_merge_failed", "repeating", "malformed", "out_of_scope", "prompt too long"):
        return {"post_merge_failed": "validation failed after merge", "repeating": "model repeating itself", "malformed": "malformed answers", "out_of_scope": "edits outside scope", "prompt too long": "prompt too long"}[first.reason]
    return REASON_CODES.get(first.status.value, first.status.value)


def solved_by_tier(outcomes: list[TaskOutcome]) -> dict[str, int]:
    """Model -> merged tasks whose passing candidate it wrote (the cascade's split of the work)."""
    counts: dict[str, int] = {}
    for outcome in outcomes:
        if outcome.status is TaskStatus.MERGED and outcome.tier:
            counts[outcome.tier] = counts.get(outcome.tier, 0) + 1
    return counts


# kinds a task's timeline leaves out: its row counts them instead (attempts, answers, tokens, context)
UNTOLD = frozenset({EventKind.CONTEXT, EventKind.ATTEMPT, EventKind.TOKEN, EventKind.ANSWER, EventKind.VALIDATING})


def timelines(events: list[dict[str, Any]]) -> dict[str, list[dict[str, str]]]:
    """Task id -> what happened to it, as the CLI's plain log told it: [{"event": kind, "text": line}]."""
    told: dict[str, list[dict[str, str]]] = {}
    for event in events:
        kind, task_id = str(event.get("event")), event.get("task")
        if not task_id or kind in UNTOLD:
            continue
        line = describe(event)
        if line is not None:
            told.setdefault(task_id, []).append({"event": kind, "text": line})
    return told


def build_report(record: RunRecord, state: dict[str, Any], seconds: float, sandbox: str, models: dict[str, str], interrupted: bool = False, awaiting_review: list[str] | None = None, events: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    tasks = state.get("tasks") or {}
    told = timelines(events or [])
    outcomes = [TaskOutcome.model_validate((state.get("outcomes") or {}).get(task_id) or {"id": task_id}) for task_id in tasks]
    # a run paused for a person's review is not done: exit 1, status awaiting_review
    code = ExitCode.TASKS_FAILED if awaiting_review else exit_code_for(outcomes, interrupted)
    rows = []
    for outcome in outcomes:
        task = tasks[outcome.id]
        rows.append(
            {
                "id": outcome.id, "spec_id": task["spec_id"], "title": task["title"], "status": outcome.status.value, "reason": outcome.reason,
                "attempts": outcome.attempts, "answers": outcome.answers, "malformed_answers": outcome.malformed_answers,
                "prompt_tokens": outcome.prompt_tokens, "completion_tokens": outcome.completion_tokens, "tokens": outcome.tokens,
                "cost": round(outcome.cost, 6), "seconds": round(outcome.seconds, 3), "branch": outcome.branch,
                "commit": outcome.commit, "merge_commit": outcome.merge_commit, "failing_output": outcome.failing_output,
                "rounds": outcome.rounds, "source": task.get("source"),
                "prefix_tokens": outcome.prefix_tokens, "context": outcome.context,
                "tier": outcome.tier, "tiers": [usage.model_dump() for usage in outcome.tiers],
                "timeline": told.get(outcome.id, []),
            }
        )
    merged = sum(1 for outcome in outcomes if outcome.status is TaskStatus.MERGED)
    return {
        "run_id": record.run_id,
        "repo": record.repo,
        "base_commit": record.base_commit,
        "user_branch": record.user_branch,
        "integration_branch": integration_branch(record.run_id),
        "integration_commit": state.get("integration_commit"),
        "exit_code": int(code),
        "status": "awaiting_review" if awaiting_review else STATUS_NAMES[code],
        "reason": f"awaiting review: {', '.join(awaiting_review)}" if awaiting_review else reason_for(code, outcomes),
        "reason_code": reason_code_for(code, outcomes, bool(awaiting_review)),
        "awaiting_review": awaiting_review or [],
        "model": models,
        "sandbox": sandbox,
        "seconds": round(seconds, 3),
        "tasks": rows,
        "totals": {
            "tasks": len(outcomes),
            "merged": merged,
            "failed": len(outcomes) - merged,
            "tokens": sum(o.tokens for o in outcomes),
            "prompt_tokens": sum(o.prompt_tokens for o in outcomes),
            "completion_tokens": sum(o.completion_tokens for o in outcomes),
            "cost": round(sum(o.cost for o in outcomes), 6),
            "solved_by_tier": solved_by_tier(outcomes),
        },
    }
