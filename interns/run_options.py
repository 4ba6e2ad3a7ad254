"""The options of a run, defined once: the model every command shares (`interns run`, the TUI, the
evaluation's `interns run` subprocesses) and the typer flags that fill it.

Light on purpose (no run machinery): the TUI holds one from its start, long before a run loads
LangGraph and litellm. The runner saves it with the run and reuses it on resume.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
import typer

from interns.executor_choice import EXECUTOR_HELP, RAY_ADDRESS_HELP, check_executor_flag
from interns.sandbox_choice import SANDBOX_HELP, check_sandbox_flag


@dataclass
class RunOptions:
    """What a person asked for on the command line (None: the spec's or the config's value)."""

    repo: str = "."
    specs: list[str] = field(default_factory=list)
    model: str | None = None
    planner_model: str | None = None
    parallel: int | None = None
    sandbox: str | None = None
    best_of: int | None = None
    attempts: int | None = None
    record: str | None = None
    replay: str | None = None
    allow_dirty: bool = False
    apply: bool = False
    changed_since: str | None = None
    push_branch: str | None = None
    context: str | None = None  # "focused" | "whole" (the config's `context`)
    escalate: list[str] | None = None  # --escalate: the cascade of every task ([] = none)
    docstring_checks: int | None = None  # --docstring-checks: the config's `models.docstring_checks`
    executor: str | None = None  # "in-process" | "ray" (the config's `executor.backend`)
    ray_address: str | None = None  # the Ray cluster (else RAY_ADDRESS, else the config's `executor.address`)

    def for_new_run(self, repo: Path, specs: list[str]) -> "RunOptions":
        return replace(self, repo=str(repo), specs=specs)

    def for_resume(self) -> "RunOptions":
        """What may change when a run continues (the rest comes from the run's saved options)."""
        return RunOptions(model=self.model, sandbox=self.sandbox, replay=self.replay, record=self.record)

    def run_argv(self) -> list[str]:
        """These options as `interns run` flags (the evaluation drives runs as subprocesses)."""
        argv: list[str] = []
        for flag, value in (
            ("--model", self.model), ("--planner-model", self.planner_model), ("--sandbox", self.sandbox), ("--parallel", self.parallel),
            ("--best-of", self.best_of), ("--attempts", self.attempts), ("--context", self.context), ("--docstring-checks", self.docstring_checks),
            ("--escalate", ",".join(self.escalate) if self.escalate is not None else None), ("--replay", self.replay), ("--record", self.record),
            ("--executor", self.executor), ("--ray-address", self.ray_address),
        ):
            if value is not None:
                argv += [flag, str(value)]
        return argv + (["--allow-dirty"] if self.allow_dirty else [])


# The flags that fill RunOptions, one definition each, shared by `interns run` and `interns tui`.
MODEL = typer.Option(None, "--model", "-m", help="litellm model string for the interns (local/<name> = bundled engine).")
PLANNER_MODEL = typer.Option(None, "--planner-model", help="Model that splits `decompose: true` specs.")
SANDBOX = typer.Option(None, "--sandbox", callback=check_sandbox_flag, help=SANDBOX_HELP)
PARALLEL = typer.Option(None, "--parallel", "-j", min=1, help="Interns working at once.")
BEST_OF = typer.Option(None, "--best-of", min=1, help="Samples per attempt for every task.")
ATTEMPTS = typer.Option(None, "--attempts", min=1, help="Attempts per task (overrides each budget).")
RECORD = typer.Option(None, "--record", help="Save every model call and answer to this cassette.")
REPLAY = typer.Option(None, "--replay", help="Answer model calls from this cassette.")
ALLOW_DIRTY = typer.Option(False, "--allow-dirty", help="Run on the last commit even if the tree has changes.")
DOCSTRING_CHECKS = typer.Option(
    None, "--docstring-checks", min=0, max=8,
    help="Answers asked for tests written from the target function's docstring, ranking candidates that all pass (0: the first that passes wins).",
)
REPO = typer.Option(Path("."), "--repo", help="The git repository (default: the current folder).")
EXECUTOR = typer.Option(None, "--executor", callback=check_executor_flag, help=EXECUTOR_HELP)
RAY_ADDRESS = typer.Option(None, "--ray-address", help=RAY_ADDRESS_HELP)

__all__ = ["RunOptions", "MODEL", "PLANNER_MODEL", "SANDBOX", "PARALLEL", "BEST_OF", "ATTEMPTS", "RECORD", "REPLAY", "ALLOW_DIRTY", "DOCSTRING_CHECKS", "REPO", "EXECUTOR", "RAY_ADDRESS"]
