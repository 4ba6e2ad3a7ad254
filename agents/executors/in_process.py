"""The default executor: the intern runs in the calling thread, in this process, on this machine."""

from __future__ import annotations

from interns.agents.intern import Intern
from interns.agents.outcome import TaskOutcome
from interns.agents.run_context import RunContext
from interns.specs import Task


class InProcessExecutor:
    name = "in-process"

    def run(self, context: RunContext, task: Task, base: str, carry: TaskOutcome | None) -> TaskOutcome:
        return Intern(context, task).run(base, carry=carry)

    def close(self) -> None:
        return None
