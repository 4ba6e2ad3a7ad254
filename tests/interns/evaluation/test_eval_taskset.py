"""The project's own task set (bench/tasks): well-formed, failing at the start, solvable.

Every acceptance/hidden command runs for real (pytest on the task repo); the plain
`python -m pytest ...` ones go through one long-lived pytest worker per job, so the whole set
validates in well under a minute. One task is also checked with real subprocesses to show the
worker and `python -m pytest` agree.
"""

from __future__ import annotations

import shutil
from collections import Counter
from pathlib import Path

import pytest

from interns.evaluation.pytest_worker import PytestWorker
from interns.evaluation.taskset import KINDS, EvalTask, load_taskset
from interns.evaluation.validation import SubprocessRunner, TaskValidation, validate_task, validate_taskset
from interns.evaluation.workspace import apply_patch
from interns.specs import load_specs

TASKS = load_taskset(Path(__file__).resolve().parents[3] / "bench" / "tasks")
BY_NAME = {task.name: task for task in TASKS}


@pytest.fixture(scope="module")
def validations() -> dict[str, TaskValidation]:
    outcomes = validate_taskset(TASKS, jobs=2, runner_factory=PytestWorker)
    return {outcome.task: outcome for outcome in outcomes}


def test_the_set_is_large_and_mixed() -> None:
    kinds = Counter(task.kind for task in TASKS)
    assert len(TASKS) >= 80
    assert set(kinds) == set(KINDS)
    assert min(kinds.values()) >= 6, kinds  # roughly even
    assert Counter(task.difficulty for task in TASKS)["easy"] >= 10


def test_the_set_is_split_into_dev_and_test_within_every_kind() -> None:
    for kind in KINDS:
        splits = Counter(task.split for task in TASKS if task.kind == kind)
        assert splits["dev"] >= 3 and splits["test"] >= 3, (kind, splits)
        assert abs(splits["dev"] - splits["test"]) <= 2, (kind, splits)


def test_multi_tasks_really_depend_on_each_other() -> None:
    for task in TASKS:
        if task.kind != "multi":
            continue
        spine_tasks = load_specs(task.repo).tasks
        assert len(spine_tasks) >= 2, task.name
        assert any(spine_task.depends_on for spine_task in spine_tasks), task.name


def test_hidden_tests_are_not_in_the_repo() -> None:
    for task in TASKS:
        hidden = {path.relative_to(task.hidden).as_posix() for path in task.hidden.rglob("*.py")}
        assert hidden, task.name
        visible = {path.relative_to(task.repo).as_posix() for path in task.repo.rglob("*.py")}
        assert not hidden & visible, task.name
        assert not (task.repo / ".git").exists()


@pytest.mark.parametrize("name", sorted(BY_NAME))
def test_task_is_valid(name: str, validations: dict[str, TaskValidation]) -> None:
    outcome = validations[name]
    assert outcome.problems == []
    assert outcome.spine_tasks >= 1


def test_worker_agrees_with_real_subprocesses() -> None:
    outcome = validate_task(BY_NAME["multi-unique-slug"], SubprocessRunner())
    assert outcome.problems == []
    assert outcome.spine_tasks == 2


def _copy_task(task: EvalTask, tmp_path: Path) -> EvalTask:
    root = tmp_path / task.name
    shutil.copytree(task.root, root)
    return EvalTask(name=task.name, root=root, meta=task.meta)


def test_validation_catches_a_task_that_already_passes(tmp_path: Path) -> None:
    task = _copy_task(BY_NAME["fix-page-count"], tmp_path)
    apply_patch(task.solution, task.repo)  # plant the fix in the start state
    with PytestWorker() as worker:
        outcome = validate_task(task, worker)
    assert "acceptance of 'page-count' already passes on the starting repo" in outcome.problems
    assert "hidden tests already pass on the starting repo" in outcome.problems


def test_validation_catches_a_wrong_or_out_of_scope_solution(tmp_path: Path) -> None:
    task = _copy_task(BY_NAME["impl-chunked"], tmp_path)
    patch = task.solution.read_text().replace("[list(items[start : start + size])", "[items[start : start + size]")
    patch += "diff --git a/setup.cfg b/setup.cfg\nnew file mode 100644\n--- /dev/null\n+++ b/setup.cfg\n@@ -0,0 +1 @@\n+[metadata]\n"
    task.solution.write_text(patch)
    with PytestWorker() as worker:
        outcome = validate_task(task, worker)
    assert "solution changes setup.cfg, which no task may change" in outcome.problems
    assert any(problem.startswith("with the solution, hidden tests fail") for problem in outcome.problems)
    assert not any("acceptance of 'chunked' fails" in problem for problem in outcome.problems)  # the visible tests miss it


def test_validation_reports_spec_problems(tmp_path: Path) -> None:
    task = _copy_task(BY_NAME["impl-slugify"], tmp_path)
    spec = task.repo / ".interns" / "specs" / "slugify.md"
    spec.write_text(spec.read_text().replace("accept:", "acept:"))
    outcome = validate_task(task, SubprocessRunner())
    assert any("unknown key 'acept'" in problem for problem in outcome.problems)
