"""Where runs live: by default on disk, `.interns/state/` (git-excluded) holds each run's metadata and the
LangGraph checkpoint database shared by all runs (thread id = run id). With `state = "postgres://..."`
the records, reports, checkpoints and locks live in Postgres instead (agents/postgres_run_store.py);
`open_run_store` picks the one the repository is configured for."""

from __future__ import annotations

import json
import os
import secrets
import socket
import sqlite3
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

from interns.state_location import is_postgres, state_location
from interns.errors import BadInputError


def open_run_store(state_dir: Path) -> "RunStore":
    """The run store of the repository owning `state_dir` (`<repo>/.interns/state`): SQLite and files
    by default, Postgres when INTERNS_STATE or the config's `state` names a database."""
    location = state_location(state_dir.parent.parent)
    if is_postgres(location):
        from interns.agents.postgres_run_store import PostgresRunStore  # needs the postgres extra

        return PostgresRunStore(state_dir, location)
    return RunStore(state_dir)


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
    host: str = field(default_factory=socket.gethostname)  # with shared (Postgres) state, pid alone names no process
    # the graph's input, kept until the first checkpoint exists: a run killed before its graph wrote
    # one resumes from this instead of from nothing
    initial: dict[str, Any] | None = None


class RunStore:
    """Runs in `.interns/state/`: records, reports and events as files, checkpoints in SQLite, flock locks."""

    def __init__(self, state_dir: Path) -> None:
        self.state_dir = state_dir
        self.runs_dir = state_dir / "runs"

    @property
    def location(self) -> str:
        """Where the runs are, for messages."""
        return str(self.runs_dir)

    @property
    def checkpoint_db(self) -> Path:
        return self.state_dir / "checkpoints.sqlite"

    @property
    def checkpoints_location(self) -> str:
        return str(self.checkpoint_db)

    def report_path(self, run_id: str) -> Path:
        return self.runs_dir / f"{run_id}.report.json"

    def events_path(self, run_id: str) -> Path:
        """Every event of the run, one JSON object a line (for people, the TUI and tests)."""
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        return self._events_file(run_id)

    def write_report(self, run_id: str, text: str) -> None:
        self.runs_dir.mkdir(parents=True, exist_ok=True)
        self.report_path(run_id).write_text(text)

    def read_report(self, run_id: str) -> dict[str, Any] | None:
        """The run's JSON report (written when the run ended), or None before that."""
        try:
            return json.loads(self.report_path(run_id).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            return None

    def open_checkpointer(self) -> tuple[Any, Callable[[], None]]:
        """LangGraph's checkpointer for the runs of this store and how to close it."""
        from langgraph.checkpoint.sqlite import SqliteSaver

        self.checkpoint_db.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(str(self.checkpoint_db), check_same_thread=False)
        return SqliteSaver(connection), connection.close

    def delete_checkpoints(self, run_id: str) -> bool:
        """Remove the run's rows from the checkpoint database every run shares; whether there were any."""
        if not self.checkpoint_db.is_file():
            return False
        connection = sqlite3.connect(str(self.checkpoint_db))
        try:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            deleted = 0
            for table in ("checkpoints", "writes"):
                if table in tables:
                    deleted += connection.execute(f"DELETE FROM {table} WHERE thread_id = ?", (run_id,)).rowcount
            connection.commit()
        finally:
            connection.close()
        return deleted > 0

    def delete_record(self, run_id: str) -> bool:
        """Remove the run's record where it is not a file of `runs/` (those go with the run's files)."""
        return False

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
            raise BadInputError(f"no run '{run_id}' in {self.location} (recent runs: {known})")
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


class RunLockedError(BadInputError):
    """Another process drives the run (it holds the run's lock); `holder` says which, for people."""

    def __init__(self, run_id: str, holder: str) -> None:
        super().__init__(f"run {run_id} is already being driven by another process ({holder}); wait for it to end or stop it, then `interns resume {run_id}`")
        self.holder = holder


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
                raise RunLockedError(run_id, f"pid {holder or 'unknown'}") from None
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
