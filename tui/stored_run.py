"""A run from disk: its record, events log, report and last checkpoint, turned into a RunModel.

Reading never imports the run machinery (litellm, the orchestrator): a finished run opens at once.
The run store reads the last checkpoint for what the report leaves out (the task list with scopes and
acceptance commands, each task's last diff).
"""

from __future__ import annotations

import os
import socket
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from interns.agents.run_store import RunRecord, RunStore, open_run_store
from interns.tui.run_model import RunModel

RESUMABLE = frozenset({"interrupted", "running"})


@dataclass
class StoredRun:
    record: RunRecord
    state_dir: Path

    @property
    def store(self) -> RunStore:
        return open_run_store(self.state_dir)

    @property
    def owner_alive(self) -> bool:
        """A run marked running whose process is gone was killed: it is interrupted, not running."""
        if self.record.status != "running":
            return False
        if self.record.host != socket.gethostname():  # driven from another machine (shared Postgres state): ask its lock
            from interns.agents.run_removal import is_live

            return is_live(self.store, self.record.run_id)
        try:
            os.kill(self.record.pid, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return self.record.pid != os.getpid()

    @property
    def status(self) -> str:
        if self.record.status == "running" and not self.owner_alive:
            return "interrupted"
        return self.record.status

    @property
    def resumable(self) -> bool:
        return self.status == "interrupted"

    def report(self) -> dict[str, Any] | None:
        return self.store.read_report(self.record.run_id)

    def load(self) -> RunModel:
        """The run as the run view shows it: checkpointed tasks, then every event, then the report."""
        model = RunModel(run_id=self.record.run_id, repo=self.record.repo, base_commit=self.record.base_commit)
        values = self.store.last_state(self.record.run_id)
        if values.get("tasks"):
            model.set_tasks(values["tasks"])
        for event in self.store.read_events(self.record.run_id):
            model.apply_event(event)
        for task_id, outcome in (values.get("outcomes") or {}).items():
            model.apply_outcome(task_id, outcome)
        report = self.report()
        if report is not None:
            model.apply_report(report)
            model.prior_seconds = float(report.get("seconds") or 0.0)
        model.status = self.status if self.status != "finished" or report is None else report.get("status", "finished")
        if self.status == "awaiting_review" and report is not None:
            model.awaiting_review = list(report.get("awaiting_review") or [])
        for task in model.tasks.values():
            if not task.diff and task.commit:
                task.diff = commit_diff(Path(self.record.repo), task.commit)
        return model


def commit_diff(repo: Path, commit: str) -> str | None:
    """A task commit's change (its parent is the base it started from), when the checkpoint has none."""
    try:
        done = subprocess.run(["git", "show", "--format=", "--no-color", "--no-ext-diff", commit], cwd=repo, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return done.stdout if done.returncode == 0 and done.stdout.strip() else None


def stored_runs(state_dir: Path) -> list[StoredRun]:
    """The repository's runs, newest first."""
    return [StoredRun(record, state_dir) for record in reversed(open_run_store(state_dir).list())]
