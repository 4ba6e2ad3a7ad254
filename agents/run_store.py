"""Where runs live on disk: `.interns/state/` (git-excluded) holds each run's metadata and the
LangGraph checkpoint database shared by all runs (thread id = run id)."""

from __future__ import annotations

import json
import os
import secrets
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
        return self.runs_dir / f"{run_id}.events.jsonl"

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
