"""What runs one intern for the orchestrator: the task, on its base commit, to a TaskOutcome whose
validated commit is on the task's branch of the run's repository."""

from __future__ import annotations

from typing import Protocol

from interns.agents.outcome import TaskOutcome
from interns.agents.run_context import RunContext
from interns.specs import Task


class InternExecutor(Protocol):
    name: str

    def run(self, context: RunContext, task: Task, base: str, carry: TaskOutcome | None) -> TaskOutcome:
        """One round of `task` from `base` (`carry`: the last round's outcome when it was sent back).
        Raises interns.errors.InfrastructureError when the task could not be run at all."""
        ...

    def close(self) -> None:
        """Release what the executor holds (connections, tasks still running). Idempotent."""
        ...
