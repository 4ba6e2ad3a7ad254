"""The live (not checkpointed) parts of a run: repo, model client, sandbox backend, options."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from interns.agents.models.client import ModelClient
from interns.config import Config
from interns.escalation import EscalationStep
from interns.sandbox.protocol import SandboxBackend, SandboxLimits
from interns.tools.git_repo import GitRepo

EmitFn = Callable[[dict[str, Any]], None]


def _no_emit(event: dict[str, Any]) -> None:
    return None


@dataclass
class RunOverrides:
    """Command-line overrides applied to every task of the run."""

    model: str | None = None
    best_of: int | None = None
    attempts: int | None = None
    escalate: tuple[EscalationStep, ...] | None = None  # --escalate: the cascade of every task


class Cancellation:
    """Cancel requests from a person (the TUI), seen by interns between steps."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._tasks: set[str] = set()
        self._all = False

    def cancel(self, task_id: str | None = None) -> None:
        with self._lock:
            if task_id is None:
                self._all = True
            else:
                self._tasks.add(task_id)

    def is_cancelled(self, task_id: str | None = None) -> bool:
        with self._lock:
            return self._all or (task_id is not None and task_id in self._tasks)

    @property
    def whole_run(self) -> bool:
        return self._all


@dataclass
class RunContext:
    repo: GitRepo
    run_id: str
    config: Config
    models: ModelClient
    sandbox: SandboxBackend
    overrides: RunOverrides = field(default_factory=RunOverrides)
    emit: EmitFn = _no_emit
    cancellation: "Cancellation" = field(default_factory=lambda: Cancellation())

    @property
    def worktrees_dir(self) -> Path:
        return self.repo.state_dir / "worktrees" / self.run_id

    def worktree_for(self, task_id: str) -> Path:
        return self.worktrees_dir / re.sub(r"[^A-Za-z0-9_.-]", "__", task_id)

    @property
    def integration_worktree(self) -> Path:
        return self.worktrees_dir / "_integration"

    @property
    def limits(self) -> SandboxLimits:
        sandbox = self.config.sandbox
        return SandboxLimits(memory_mb=sandbox.memory_mb, pids=sandbox.pids, cpus=sandbox.cpus, command_timeout_s=sandbox.command_timeout_s)
