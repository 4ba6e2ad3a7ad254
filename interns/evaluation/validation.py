"""Mechanical checks of the task set: every task is well-formed, starts failing, and is solvable.

For each task:
  - `load_specs` reads its specs with no problems;
  - on the starting repo every spine task's acceptance fails, and so do the hidden tests;
  - with the reference solution (solution.patch) applied, every acceptance command and the hidden tests pass;
  - the solution only touches files some task may change (else no intern could reach it).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from interns.errors import BadInputError
from interns.evaluation.commands import CommandResult, run_command
from interns.evaluation.taskset import EvalTask
from interns.evaluation.workspace import PatchError, apply_patch, copy_task_repo, overlay
from interns.globs import matches_any
from interns.specs import load_specs

ACCEPT_TIMEOUT = 120.0


class CommandRunner(Protocol):
    def run(self, command: str, cwd: Path, timeout: float = ACCEPT_TIMEOUT) -> CommandResult: ...


class SubprocessRunner:
    """Every command as a real shell process (what the sandbox does)."""

    def run(self, command: str, cwd: Path, timeout: float = ACCEPT_TIMEOUT) -> CommandResult:
        return run_command(command, cwd, timeout)


@dataclass
class TaskValidation:
    task: str
    spine_tasks: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def _first_lines(text: str, count: int = 15) -> str:
    return "\n".join(text.strip().splitlines()[-count:])


def validate_task(task: EvalTask, runner: CommandRunner | None = None) -> TaskValidation:
    runner = runner or SubprocessRunner()
    result = TaskValidation(task.name)
    if not task.hidden.is_dir():
        result.problems.append("no hidden/ folder")
    if not task.solution.is_file():
        result.problems.append("no solution.patch")
    if (task.repo / ".git").exists():
        result.problems.append("repo/ must not contain a .git folder")
    with tempfile.TemporaryDirectory(prefix=f"interns-validate-{task.name}-") as scratch:
        try:
            start = copy_task_repo(task, Path(scratch) / "start")
        except BadInputError as error:  # its generated files cannot be rendered
            result.problems.append(str(error))
            return result
        specs = load_specs(start)
        if specs.problems:
            result.problems += [f"spec problem: {problem}" for problem in specs.problems]
            return result
        result.spine_tasks = len(specs.tasks)
        for spine_task in specs.tasks:
            outcomes = [runner.run(command, start) for command in spine_task.accept]
            if all(outcome.ok for outcome in outcomes):
                result.problems.append(f"acceptance of '{spine_task.id}' already passes on the starting repo")
        overlay(task.hidden, start)
        hidden_start = runner.run(task.meta.hidden.command, start, task.meta.hidden.timeout)
        if hidden_start.ok:
            result.problems.append("hidden tests already pass on the starting repo")

        solved = copy_task_repo(task, Path(scratch) / "solved")
        try:
            changed = apply_patch(task.solution, solved) if task.solution.is_file() else []
        except PatchError as error:
            result.problems.append(f"the reference solution does not apply: {_first_lines(str(error))}")
            return result
        if not changed:
            result.problems.append("the reference solution is empty")
        scopes = tuple(glob for spine_task in specs.tasks for glob in spine_task.files)
        for path in changed:
            if not matches_any(path, scopes):
                result.problems.append(f"solution changes {path}, which no task may change")
        for spine_task in specs.tasks:
            for command in spine_task.accept:
                outcome = runner.run(command, solved)
                if not outcome.ok:
                    result.problems.append(f"with the solution, acceptance of '{spine_task.id}' fails: {command}\n{_first_lines(outcome.output)}")
        overlay(task.hidden, solved)
        hidden_solved = runner.run(task.meta.hidden.command, solved, task.meta.hidden.timeout)
        if not hidden_solved.ok:
            result.problems.append(f"with the solution, hidden tests fail:\n{_first_lines(hidden_solved.output)}")
    return result


def validate_taskset(
    tasks: Iterable[EvalTask],
    jobs: int = 2,
    runner_factory: Callable[[], CommandRunner] | None = None,
    on_done: Callable[[TaskValidation], None] | None = None,
) -> list[TaskValidation]:
    """Validate tasks, `jobs` at a time (each job gets its own runner)."""
    tasks = list(tasks)
    factory = runner_factory or SubprocessRunner
    runners = [factory() for _ in range(max(1, jobs))]
    free = list(runners)

    def one(task: EvalTask) -> TaskValidation:
        runner = free.pop()
        try:
            outcome = validate_task(task, runner)
        finally:
            free.append(runner)
        if on_done:
            on_done(outcome)
        return outcome

    try:
        with ThreadPoolExecutor(max_workers=len(runners)) as pool:
            return list(pool.map(one, tasks))
    finally:
        for runner in runners:
            close = getattr(runner, "close", None)
            if close:
                close()
