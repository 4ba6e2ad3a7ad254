"""The run options the TUI was launched with (`interns tui --model ... --sandbox ...`).

Kept apart from `RunOptions` so that opening the app never imports the run machinery; the worker
thread turns them into `RunOptions` when a run starts.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interns.agents.runner import RunOptions


@dataclass(frozen=True)
class LaunchOptions:
    model: str | None = None
    planner_model: str | None = None
    sandbox: str | None = None  # auto | docker | local | None (the config decides)
    parallel: int | None = None
    attempts: int | None = None
    best_of: int | None = None
    record: str | None = None
    replay: str | None = None
    allow_dirty: bool = False

    def with_allow_dirty(self, allow: bool) -> "LaunchOptions":
        return replace(self, allow_dirty=allow)

    def for_new_run(self, repo: Path, specs: list[str]) -> "RunOptions":
        from interns.agents.runner import RunOptions

        return RunOptions(
            repo=str(repo), specs=specs, model=self.model, planner_model=self.planner_model, parallel=self.parallel, sandbox=self.sandbox,
            best_of=self.best_of, attempts=self.attempts, record=self.record, replay=self.replay, allow_dirty=self.allow_dirty,
        )

    def for_resume(self) -> "RunOptions":
        """What may change when a run continues (the rest comes from the run's saved options)."""
        from interns.agents.runner import RunOptions

        return RunOptions(model=self.model, sandbox=self.sandbox, replay=self.replay, record=self.record)
