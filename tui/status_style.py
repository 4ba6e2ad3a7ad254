"""How a run's status looks on screen (a task's status looks as agents/task_status.py says)."""

from __future__ import annotations

RUN_STATUS_STYLE: dict[str, str] = {
    "starting": "cyan", "running": "cyan", "stopping": "yellow", "awaiting_review": "bold yellow", "ok": "bold green",
    "finished": "green", "interrupted": "yellow", "tasks_failed": "red", "budget_exhausted": "red", "infrastructure": "bold red",
    "failed": "bold red", "bad_input": "red",
}
