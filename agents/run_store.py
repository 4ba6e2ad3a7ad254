"""Where runs live on disk: `.interns/state/` (git-excluded) holds each run's metadata and the
LangGraph checkpoint database shared by all runs (thread id = run id)."""

from __future__ import annotations

import json
import os
import secrets
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from interns.errors import BadInputError


def new_run_id() -> str:
    return time.strftime("%Y%m%d-%H%M%S") + "-" + secrets.token_hex(2)


@dataclass
class RunRecord:
    """A run's metadata: enough to resume it with the same options and to list it."""

    run_id: str
    repo: str
    base_commit: str
    user_branch: str | None
    spec_paths: list[str]
    options: dict[str, Any]
    created: float = field(default_factory=time.time)
    status: str = "running"  # running | finished | interrupted | failed
    exit_code: int | None = None
    summary: str = ""
    pid: int = field(default_factory=os.getpid)
    # the graph's input, kept until the first checkpoint exists: a run killed before its graph wrote
    # one resumes from this instead of from nothing
    initial: dict[str, Any] | None = None


class RunStore:
    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.runs_dir = state_dir / "runs"

    @property
    def checkpoint_db(self) -> Path:
        return self.state_dir / "checkpoints.sqlite"

    def report_path(self, run_id: str) -> Path:
        return self.runs_dir / f"{run_id}.report.json"

    def events_path(self, run_id: str) -> Path:
        """Every event of the run, one JSON object a line (for people, the TUI and tests)."""
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        return self._events_file(run_id)

    def _events_file(self, run_id: str) -> Path:
        return self.runs_dir / f"{run_id}.events.jsonl"

    def read_events(self, run_id: str) -> list[dict[str, Any]]:
        """The run's events log, oldest first (empty before the first event)."""
        path = self._events_file(run_id)
        if not path.is_file():
            return []
        events = []
        for line in path.read_text(encoding="utf-8").splitlines():
            try:
                events.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # a line cut short by a killed process
        return events

    def last_state(self, run_id: str) -> dict[str, Any]:
        """The run's last checkpointed state (tasks, outcomes with diffs), or {} without one.

        Read-only and without the orchestrator (LangGraph's graph, litellm): a stored run opens at once.
        """
        if not self.checkpoint_db.is_file():
            return {}
        from langgraph.checkpoint.sqlite import SqliteSaver

        connection = sqlite3.connect(f"file:{self.checkpoint_db}?mode=ro", uri=True, check_same_thread=False)
        try:
            saved = SqliteSaver(connection).get_tuple({"configurable": {"thread_id": run_id}})
        except sqlite3.Error:
            return {}
        finally:
            connection.close()
        return dict(saved.checkpoint.get("channel_values") or {}) if saved else {}

    def lock(self, run_id: str) -> "RunLock":
        """The run's lock, held by the one process driving it (see RunLock)."""
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        return RunLock(self.runs_dir / f"{run_id}.lock", run_id)

    def save(self, record: RunRecord) -> None:
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        target = self.runs_dir / f"{record.run_id}.json"
        temporary = target.with_suffix(".json.tmp")
        temporary.write_text(json.dumps(asdict(record), indent=2))
        os.replace(temporary, target)

    def load(self, run_id: str) -> RunRecord:
        path = self.runs_dir / f"{run_id}.json"
        if not path.is_file():
            known = ", ".join(record.run_id for record in self.list()[-5:]) or "none"
            raise BadInputError(f"no run '{run_id}' in {self.runs_dir} (recent runs: {known})")
        return RunRecord(**json.loads(path.read_text()))

    def list(self) -> list[RunRecord]:
        if not self.runs_dir.is_dir():
            return []
        records = []
        for path in sorted(self.runs_dir.glob("*.json")):
            if path.name.endswith((".report.json", ".events.jsonl")):
                continue
            try:
                records.append(RunRecord(**json.loads(path.read_text())))
            except (json.JSONDecodeError, TypeError):
                continue
        return sorted(records, key=lambda record: record.created)


class RunLock:
    """An exclusive flock on `runs/<run>.lock` while a process drives the run (run, resume, review,
    retry). The kernel releases it when that process dies, however it dies, so a killed run never
    leaves a stale lock; a second process trying to drive the same run fails at once with the
    holder's pid instead of waiting or racing it (two processes merging into one integration branch)."""

    def __init__(self, path: Path, run_id: str) -> None:
        import fcntl

        self.path = path
        handle = open(path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.seek(0)
            holder = handle.read().strip()
            leaked = _HELD.pop(str(path), None) if holder.split(" ", 1)[0] == str(os.getpid()) else None
            if leaked is None:
                handle.close()
                raise BadInputError(
                    f"run {run_id} is already being driven by another process (pid {holder or 'unknown'}); "
                    f"wait for it to end or stop it, then `interns resume {run_id}`"
                ) from None
            leaked.close()  # a runner of this very process that was never finished: take its place
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
        handle.flush()
        self._handle = handle
        _HELD[str(path)] = handle

    def release(self) -> None:
        handle = getattr(self, "_handle", None)
        if handle is not None and not handle.closed:
            _HELD.pop(str(self.path), None)
            handle.close()  # closing the last descriptor drops the flock


_HELD: dict[str, Any] = {}  # lock path -> open handle, of this process
