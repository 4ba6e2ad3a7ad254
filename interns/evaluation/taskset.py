"""The evaluation task set: one folder per task under `bench/tasks/`.

    bench/tasks/<name>/task.toml        metadata: kind, difficulty, summary, [hidden] command + timeout,
                                        [generated] files rendered on top of repo/ (big-* tasks)
    bench/tasks/<name>/repo/            the starting repository (its specs in .interns/specs/*.md)
    bench/tasks/<name>/hidden/          files copied over the result only when scoring (hidden tests)
    bench/tasks/<name>/solution.patch   the reference solution, a diff against the starting repository
                                        (validation only)

The starting repository as a run sees it is `workspace.copy_task_repo`: repo/ plus the generated files.
"""

from __future__ import annotations

import difflib
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from interns.errors import BadInputError
from interns.evaluation.generated import GeneratedModule, render_generated

Kind = Literal["implement", "bugfix", "add-param", "refactor", "multi"]
KINDS: tuple[str, ...] = ("implement", "bugfix", "add-param", "refactor", "multi")
Difficulty = Literal["easy", "medium", "hard"]
# dev: tune prompts and settings on it; test: report on it, never tune on it (fixed before tuning began)
Split = Literal["dev", "test"]
SPLITS: tuple[str, ...] = ("dev", "test")


class HiddenCheck(BaseModel):
    model_config = ConfigDict(extra="forbid")

    command: str = Field(description="shell command run in the result worktree after hidden/ is copied in")
    timeout: float = Field(default=120, gt=0, description="seconds")


class TaskMeta(BaseModel):
    """The contents of a task.toml."""

    model_config = ConfigDict(extra="forbid")

    kind: Kind
    difficulty: Difficulty
    summary: str = ""
    split: Split
    hidden: HiddenCheck
    generated: GeneratedModule | None = None

    @model_validator(mode="after")
    def _generated_fits_the_kind(self) -> TaskMeta:
        # a generated module's function is stubbed (implement) or bugged (bugfix), nothing else
        if self.generated is not None:
            if self.kind not in ("implement", "bugfix"):
                raise ValueError(f"a {self.kind} task cannot have a [generated] module")
            if (self.kind == "bugfix") != bool(self.generated.bug):
                raise ValueError("[generated] needs a bug for a bugfix task, and none for an implement task")
        return self


class EvalTask(BaseModel):
    """One task of the set, with where its parts live."""

    model_config = ConfigDict(frozen=True)

    name: str
    root: Path
    meta: TaskMeta

    @property
    def repo(self) -> Path:
        """The stored part of the starting repository (without the generated files)."""
        return self.root / "repo"

    @property
    def hidden(self) -> Path:
        return self.root / "hidden"

    @property
    def solution(self) -> Path:
        """The reference solution: a unified diff (git's format) against the starting repository."""
        return self.root / "solution.patch"

    def generated_files(self) -> dict[str, str]:
        """The files rendered on top of repo/ (none for most tasks), by path relative to the repo."""
        return render_generated(self.root.parent, self.meta.generated) if self.meta.generated else {}

    @property
    def kind(self) -> str:
        return self.meta.kind

    @property
    def difficulty(self) -> str:
        return self.meta.difficulty

    @property
    def split(self) -> str:
        return self.meta.split


def default_tasks_dir() -> Path:
    """`bench/tasks` of the current directory if there is one, else of the interns source checkout."""
    local = Path.cwd() / "bench" / "tasks"
    if local.is_dir():
        return local
    import interns

    return Path(interns.__file__).resolve().parents[1] / "bench" / "tasks"


def load_task(root: Path) -> EvalTask:
    meta_file = root / "task.toml"
    try:
        data = tomllib.loads(meta_file.read_text(encoding="utf-8"))
    except OSError as error:
        raise BadInputError(f"{meta_file}: cannot read: {error}") from error
    except tomllib.TOMLDecodeError as error:
        raise BadInputError(f"{meta_file}: bad TOML: {error}") from error
    try:
        meta = TaskMeta.model_validate(data)
    except ValidationError as error:
        problems = [f"{meta_file}: {'.'.join(map(str, d['loc'])) or 'task'}: {d['msg']}" for d in error.errors()]
        raise BadInputError(f"invalid task metadata in {meta_file}", problems) from error
    if not (root / "repo").is_dir():
        raise BadInputError(f"{root}: a task needs a repo/ folder")
    return EvalTask(name=root.name, root=root.resolve(), meta=meta)


def load_taskset(tasks_dir: Path | None = None) -> list[EvalTask]:
    """Every task folder (one holding a task.toml) under `tasks_dir`, sorted by name."""
    tasks_dir = tasks_dir or default_tasks_dir()
    if not tasks_dir.is_dir():
        raise BadInputError(f"{tasks_dir}: no such task folder")
    return [load_task(meta.parent) for meta in sorted(tasks_dir.glob("*/task.toml"))]


def select_tasks(tasks: list[EvalTask], names: list[str] | None, split: str | None = None) -> list[EvalTask]:
    """The named tasks (a name, or a prefix such as `impl-` or a kind such as `kind:refactor`) of the
    split (`dev`, `test`; None: both)."""
    if split is not None:
        if split not in SPLITS:
            raise BadInputError(f"--split: '{split}' is not one of {', '.join(SPLITS)}")
        tasks = [task for task in tasks if task.split == split]
    if not names:
        return tasks
    chosen: list[EvalTask] = []
    problems: list[str] = []
    known = [task.name for task in tasks]
    for name in names:
        if name.startswith("kind:"):
            matches = [task for task in tasks if task.kind == name[len("kind:") :]]
        else:
            matches = [task for task in tasks if task.name == name] or [task for task in tasks if task.name.startswith(name)]
        if not matches:
            close = difflib.get_close_matches(name, known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else f" (kinds: {', '.join('kind:' + k for k in KINDS)})"
            problems.append(f"unknown task '{name}'{hint}")
        chosen += [task for task in matches if task not in chosen]
    if problems:
        raise BadInputError("unknown evaluation tasks", problems)
    return chosen
