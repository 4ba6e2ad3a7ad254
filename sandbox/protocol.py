"""The sandbox protocol: where an intern's commands run.

A backend starts one sandbox per task, bound to that task's git worktree; the orchestrator runs the
spec's acceptance commands through `Sandbox.exec` and stops the sandbox at task end. Git always runs
on the host, so a sandbox never needs the repository's `.git`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class ExecResult:
    """What one command did inside a sandbox."""

    exit_code: int
    output: str  # stdout and stderr interleaved, as a person would have seen them
    seconds: float
    timed_out: bool = False  # killed at the timeout (exit_code is then 124 by convention)
    out_of_memory: bool = False  # killed by the memory limit (exit_code 137 by convention)

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out and not self.out_of_memory


@dataclass(frozen=True)
class SandboxLimits:
    """Resource limits applied to every command of a sandbox."""

    memory_mb: int = 2048
    pids: int = 512
    cpus: float = 1.0
    command_timeout_s: float = 300.0
    file_size_mb: int = 1024  # largest file a command may write (RLIMIT_FSIZE)


@dataclass(frozen=True)
class SandboxRequest:
    """Everything a backend needs to start a sandbox for one task."""

    worktree: Path
    run_id: str
    task_id: str
    limits: SandboxLimits = field(default_factory=SandboxLimits)
    setup: tuple[str, ...] = ()  # run once, before the intern starts (with network on docker)
    image: str | None = None  # docker backend only: the user's own image
    env: tuple[tuple[str, str], ...] = ()


@runtime_checkable
class Sandbox(Protocol):
    """A started sandbox bound to one worktree."""

    def exec(self, command: str, timeout: float | None = None) -> ExecResult:
        """Run a shell command with the worktree as current directory; never raises for the
        command's own failure (non-zero exit, timeout, OOM): those are in the result."""
        ...

    def stop(self) -> None:
        """Stop and remove everything the sandbox started. Idempotent."""
        ...


@runtime_checkable
class SandboxBackend(Protocol):
    """A kind of sandbox (local processes, docker containers)."""

    name: str
    isolated: bool  # False for `local`: commands can reach the host

    def start(self, request: SandboxRequest) -> Sandbox:
        """Start a sandbox for a task; raises interns.errors.SandboxError when it cannot."""
        ...

    def prune(self, run_id: str | None = None) -> int:
        """Remove leftovers of crashed runs (all runs when run_id is None); returns how many."""
        ...
