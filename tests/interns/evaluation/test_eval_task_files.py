"""Every task's repo as a run sees it: the generated modules of the `big-*` tasks are deterministic and
the ones evaluated so far, and every task's solution.patch applies cleanly and compiles.

The generated files of a big task are rendered from bench/tasks/_generators/ when its repo is copied.
GENERATED pins them: a change to the building blocks changes the tasks (results of earlier
evaluations no longer compare), so update a digest only on purpose.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from interns.errors import BadInputError
from interns.evaluation.generated import GENERATOR, _render
from interns.evaluation.taskset import load_task, load_taskset
from interns.evaluation.workspace import apply_patch, copy_task_repo

TASKS_DIR = Path(__file__).resolve().parents[3] / "bench" / "tasks"
TASKS = {task.name: task for task in load_taskset(TASKS_DIR)}

# sha256 of the JSON of each big task's generated files ({path: text}, keys sorted)
GENERATED = {
    "big-books-aging": "49eda9644eb95ee43c0b61e31869ee558df9cd3c9c16a0187c5daec87e61e8a4",
    "big-books-amounts": "93b210ba0236f2ed1d9192d102b9521b906abb6aa766267247b021c3071f1523",
    "big-books-split-cents": "0bb8de853211ec8c62ae468539b4bdbb163b56c688500bb3b23baa9fd7f83ba2",
    "big-books-trial-balance": "0ed02d9e792dc9e2b1f540bb009988115efb6d495a6fcf21e9433cc9e6d808da",
    "big-plan-clock": "3412c0b288853400f71a42492977a014c959729c0a18361cc04484d2f98f44b7",
    "big-plan-free-slots": "b6fcd32ff5499ba6e3af96bc4aa46aba17032a7ed0f7011d1aa80bc1d6f4588b",
    "big-plan-merge": "750958d2c757d3ed976279f95cf7c58182bfbabf2ead1998977cfdb9b0741fbb",
    "big-plan-nth-weekday": "610180a1a6513f5556bd76698222c60824662d9beb0bcdf10ce7f0538b3caa26",
    "big-stock-fifo": "7343e90a8acc4367ae536c6c47be233234c57b2987516137f3428d9a25779daa",
    "big-stock-location": "07df294781e0cd12e89df2574db9cb3ab71598c4f52dc987d594400a4257b38b",
    "big-stock-picks": "fb25fcee602e839f4194fe6b195af507a73a312eec428e302eff2089995040ca",
    "big-stock-reorder": "99eda7a7a3e5977250e348c68fcd934fc55286dfb2f7f4b391cd1fde5d3677e0",
}


def _digest(files: dict[str, str]) -> str:
    return hashlib.sha256(json.dumps(files, sort_keys=True).encode()).hexdigest()


def test_the_generated_tasks_are_the_pinned_ones() -> None:
    assert {name for name, task in TASKS.items() if task.meta.generated} == set(GENERATED)


@pytest.mark.parametrize("name", sorted(GENERATED))
def test_generated_files_are_deterministic_and_unchanged(name: str) -> None:
    task = TASKS[name]
    first = task.generated_files()
    _render.cache_clear()  # a second process renders them again (another hash seed)
    assert task.generated_files() == first
    assert _digest(first) == GENERATED[name]
    stored = {path.relative_to(task.repo).as_posix() for path in task.repo.rglob("*") if path.is_file()}
    assert not stored & set(first), "a generated file is also stored in repo/"


@pytest.mark.parametrize("name", sorted(TASKS))
def test_solution_applies_cleanly_and_compiles(name: str, tmp_path: Path) -> None:
    task = TASKS[name]
    solved = copy_task_repo(task, tmp_path / "solved")
    changed = apply_patch(task.solution, solved)
    assert changed
    for path in sorted(solved.rglob("*.py")):
        compile(path.read_text(encoding="utf-8"), str(path), "exec")
    if task.meta.generated:  # the solved module is the complete generated one
        module = task.meta.generated.module
        script = TASKS_DIR / GENERATOR
        complete = subprocess.run([sys.executable, str(script), module], capture_output=True, text=True, check=True).stdout
        assert changed == [module]
        assert (solved / module).read_text(encoding="utf-8") == complete


def _task(tmp_path: Path, generated: str, kind: str = "bugfix") -> Path:
    root = tmp_path / "big-x"
    (root / "repo").mkdir(parents=True)
    (root / "task.toml").write_text(
        f'kind = "{kind}"\ndifficulty = "easy"\nsplit = "dev"\n\n[hidden]\ncommand = "true"\n\n[generated]\n{generated}\n'
    )
    return root


PICKS = 'module = "stockroom/inventory.py"\nfunction = "plan_picks"'
MISFITS = {  # (kind, [generated] table) -> what the refusal says
    ("bugfix", PICKS): "needs a bug for a bugfix task",
    ("implement", PICKS + '\nbug = [["a", "b"]]'): "none for an implement task",
    ("refactor", PICKS): "cannot have a [generated] module",
    ("implement", 'module = "stockroom/inventory.py"'): "generated.function",
}


@pytest.mark.parametrize(("kind", "generated"), list(MISFITS))
def test_a_generated_table_that_does_not_fit_is_refused(tmp_path: Path, kind: str, generated: str) -> None:
    with pytest.raises(BadInputError) as caught:
        load_task(_task(tmp_path, generated, kind))
    assert any(MISFITS[kind, generated] in line for line in caught.value.problems), caught.value.problems


def test_a_bug_the_generator_cannot_plant_is_a_bad_task(tmp_path: Path) -> None:
    (tmp_path / "_generators").symlink_to(TASKS_DIR / "_generators")
    task = load_task(_task(tmp_path, 'module = "stockroom/inventory.py"\nfunction = "plan_picks"\nbug = [["no such text", "x"]]'))
    with pytest.raises(BadInputError, match="is not once in the module"):
        task.generated_files()
