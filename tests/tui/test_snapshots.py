"""Snapshots of the main screens (pytest-textual-snapshot), made deterministic by fixed inputs.

The repository is committed with fixed dates (fixed hashes), and the two runs are stored runs written
with the product's own record and report code under fixed ids, times and usage; reopening them goes
through the same code as any earlier run. Update with `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from interns.agents.outcome import TaskOutcome, TaskStatus
from interns.agents.report import build_report
from interns.agents.run_store import RunRecord, RunStore
from interns.specs import Task
from interns.tui.app import InternsApp
from interns.run_options import RunOptions
from interns.tui.screens.picker import PickerScreen
from interns.tui.screens.run_view import RunScreen
from interns.tui.widgets.task_table import TaskTable
from support.repos import git, make_repo
from support.shared_specs import FLAG_SPEC, TYPO_SPEC

SIZE = (110, 32)
FAILED_RUN = "20250301-101500-a1b2"
REVIEW_RUN = "20250302-091000-c3d4"
DAY = 1740823200.0  # 2025-03-01 10:00:00 UTC

CALC_SPEC = """---
id: calc
title: Calculator functions
tasks:
  - id: add
    title: Add function
    files: [calc/add.py]
    accept: ["python -c 'from calc.add import add; assert add(2, 3) == 5'"]
  - id: mul
    title: Multiply function
    files: [calc/mul.py]
    accept: ["python -c 'from calc.mul import mul; assert mul(2, 3) == 6'"]
---
Small calculator helpers, one module per function.
"""
FILES = {"app/__init__.py": "", "calc/__init__.py": "", ".interns/specs/calc.md": CALC_SPEC, ".interns/specs/flag.md": FLAG_SPEC, ".interns/specs/typo.md": TYPO_SPEC}

MUL_FAILURE = "Traceback (most recent call last):\n  File \"<string>\", line 1, in <module>\nAssertionError"


# the repository's commits get fixed dates, so fixed hashes
FIXED_DATES = {"GIT_AUTHOR_DATE": "2025-03-01T09:00:00 +0000", "GIT_COMMITTER_DATE": "2025-03-01T09:00:00 +0000"}


def _task(task_id: str, title: str, source: str, files: list[str], accept: list[str], review: str = "auto") -> dict[str, Any]:
    return Task(id=task_id, spec_id=task_id.split("/")[0], title=title, description="", files=tuple(files), accept=tuple(accept), source=source, review=review).model_dump(mode="json")


def _store_run(repo: Path, run_id: str, created: float, status: str, spec_paths: list[str], tasks: dict[str, dict], outcomes: list[TaskOutcome], events: list[dict[str, Any]], seconds: float, awaiting: list[str]) -> None:
    state_dir = repo / ".interns" / "state"
    store = RunStore(state_dir)
    base = git(repo, "rev-parse", "HEAD")
    record = RunRecord(run_id=run_id, repo=str(repo), base_commit=base, user_branch="main", spec_paths=spec_paths, options={}, created=created, status=status, pid=1)
    state = {"tasks": tasks, "outcomes": {outcome.id: outcome.model_dump(mode="json") for outcome in outcomes}, "integration_commit": base}
    report = build_report(record, state, seconds, "local", {"intern": "local/qwen2.5-coder-0.5b", "planner": "local/qwen2.5-coder-0.5b"}, awaiting_review=awaiting)
    record.exit_code, record.summary = report["exit_code"], f"{report['totals']['merged']}/{report['totals']['tasks']} merged"
    store.save(record)
    store.report_path(run_id).write_text(json.dumps(report, indent=2))
    with store.events_path(run_id).open("w") as log:
        for number, event in enumerate(events):
            log.write(json.dumps({"time": created + number, **event}) + "\n")


def _answer(task: str, attempt: int, path: str, code: str, seconds: float) -> dict[str, Any]:
    return {"event": "answer", "task": task, "attempt": attempt, "sample": 1, "text": f"{path}\n```python\n{code}```\n", "prompt_tokens": 180, "completion_tokens": 24, "seconds": seconds}


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Run times show in local time; the snapshots are taken in UTC."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def demo_repo(tmp_path: Path, utc: None, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name, value in FIXED_DATES.items():
        monkeypatch.setenv(name, value)
    repo = make_repo(tmp_path / "demo", FILES)
    (repo / ".git" / "info" / "exclude").write_text("/.interns/state/\n")
    # the flag task's validated commit, on its task branch (what a reviewer reads)
    branch = f"interns/{REVIEW_RUN}/task/flag"
    git(repo, "checkout", "-q", "-b", branch)
    (repo / "app" / "flags.py").write_text("ENABLED = True\n")
    git(repo, "add", "app/flags.py")
    git(repo, "commit", "-qm", "Feature flag")
    flag_commit = git(repo, "rev-parse", "HEAD")
    git(repo, "checkout", "-q", "main")

    calc_tasks = {
        "calc/add": _task("calc/add", "Add function", ".interns/specs/calc.md:5", ["calc/add.py"], ["python -c 'from calc.add import add; assert add(2, 3) == 5'"]),
        "calc/mul": _task("calc/mul", "Multiply function", ".interns/specs/calc.md:9", ["calc/mul.py"], ["python -c 'from calc.mul import mul; assert mul(2, 3) == 6'"]),
    }
    mul_command = calc_tasks["calc/mul"]["accept"][0]
    _store_run(
        repo, FAILED_RUN, DAY + 900, "finished", [".interns/specs/calc.md"], calc_tasks,
        [
            TaskOutcome(id="calc/add", status=TaskStatus.MERGED, attempts=1, answers=1, prompt_tokens=180, completion_tokens=24, seconds=3.2, rounds=1),
            TaskOutcome(id="calc/mul", status=TaskStatus.BUDGET_EXHAUSTED, reason="budget:attempts", attempts=2, answers=2, prompt_tokens=360, completion_tokens=48, seconds=7.9, rounds=1, failing_output=f"$ {mul_command}\n{MUL_FAILURE}"),
        ],
        [
            {"event": "task_started", "task": "calc/add", "round": 1, "base": "0" * 40},
            {"event": "task_started", "task": "calc/mul", "round": 1, "base": "0" * 40},
            {"event": "attempt", "task": "calc/add", "attempt": 1},
            _answer("calc/add", 1, "calc/add.py", "def add(a, b):\n    return a + b\n", 1.5),
            {"event": "validating", "task": "calc/add", "attempt": 1, "sample": 1},
            {"event": "validated", "task": "calc/add", "attempt": 1, "commit": "a" * 40},
            {"event": "task_finished", "task": "calc/add", "status": "validated", "reason": None, "attempts": 1, "tokens": 204},
            {"event": "merged", "task": "calc/add", "commit": "b" * 40},
            {"event": "attempt", "task": "calc/mul", "attempt": 1},
            _answer("calc/mul", 1, "calc/mul.py", "def mul(a, b):\n    return a + b\n", 1.5),
            {"event": "validating", "task": "calc/mul", "attempt": 1, "sample": 1},
            {"event": "acceptance_failed", "task": "calc/mul", "attempt": 1, "command": mul_command, "exit_code": 1, "output": MUL_FAILURE},
            {"event": "attempt", "task": "calc/mul", "attempt": 2},
            _answer("calc/mul", 2, "calc/mul.py", "def mul(a, b):\n    return a - b\n", 3.0),
            {"event": "validating", "task": "calc/mul", "attempt": 2, "sample": 1},
            {"event": "acceptance_failed", "task": "calc/mul", "attempt": 2, "command": mul_command, "exit_code": 1, "output": MUL_FAILURE},
            {"event": "task_finished", "task": "calc/mul", "status": "budget_exhausted", "reason": "budget:attempts", "attempts": 2, "tokens": 408},
        ],
        seconds=12.4, awaiting=[],
    )
    flag_task = {"flag": _task("flag", "Feature flag", ".interns/specs/flag.md:1", ["app/flags.py"], ["python -c 'from app.flags import ENABLED; assert ENABLED'"], review="manual")}
    _store_run(
        repo, REVIEW_RUN, DAY + 86400 - 3000, "awaiting_review", [".interns/specs/flag.md"], flag_task,
        [TaskOutcome(id="flag", status=TaskStatus.VALIDATED, attempts=1, answers=1, prompt_tokens=150, completion_tokens=12, seconds=2.5, rounds=1, commit=flag_commit, branch=branch)],
        [
            {"event": "task_started", "task": "flag", "round": 1, "base": "0" * 40},
            {"event": "attempt", "task": "flag", "attempt": 1},
            _answer("flag", 1, "app/flags.py", "ENABLED = True\n", 1.0),
            {"event": "validating", "task": "flag", "attempt": 1, "sample": 1},
            {"event": "validated", "task": "flag", "attempt": 1, "commit": flag_commit},
            {"event": "task_finished", "task": "flag", "status": "validated", "reason": None, "attempts": 1, "tokens": 162},
        ],
        seconds=4.0, awaiting=["flag"],
    )
    return repo


async def _until(pilot, predicate) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + 60
    while not predicate() and time.monotonic() < deadline:
        await pilot.pause(0.05)
    await pilot.pause(0.2)  # let the last redraw land


def test_picker(demo_repo: Path, snap_compare) -> None:
    app = InternsApp(demo_repo, RunOptions(sandbox="local"))

    async def loaded(pilot) -> None:  # type: ignore[no-untyped-def]
        await _until(pilot, lambda: isinstance(app.screen, PickerScreen) and app.screen.loaded)

    assert snap_compare(app, terminal_size=SIZE, run_before=loaded)


def _table_settled(table: TaskTable) -> bool:
    """No pending column measurement in the DataTable (its own bookkeeping; no public signal exists)."""
    return not table._require_update_dimensions and not table._updated_cells and table.row_count > 0


def _reopened(repo: Path, run_id: str, keys: tuple[str, ...]):  # type: ignore[no-untyped-def]
    app = InternsApp(repo, RunOptions(sandbox="local"), open_run=run_id)

    async def opened(pilot) -> None:  # type: ignore[no-untyped-def]
        await _until(pilot, lambda: isinstance(app.screen, RunScreen))
        await pilot.press(*keys)
        screen = app.screen
        table = screen.query_one(TaskTable)
        # the selected task's panes are drawn and the table has measured its columns (DataTable does that
        # when its message queue is idle: on a loaded CI machine a screenshot could catch the header
        # still at its empty-table widths)
        await _until(pilot, lambda: screen._drawn_task[0] == table.selected_task and _table_settled(table))
        table.refresh()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.2)

    return app, opened


def test_finished_run_transcript(demo_repo: Path, snap_compare) -> None:
    app, opened = _reopened(demo_repo, FAILED_RUN, ("down",))
    assert snap_compare(app, terminal_size=SIZE, run_before=opened)


def test_finished_run_acceptance_output(demo_repo: Path, snap_compare) -> None:
    app, opened = _reopened(demo_repo, FAILED_RUN, ("down", "3"))
    assert snap_compare(app, terminal_size=SIZE, run_before=opened)


def test_run_waiting_for_review_with_diff(demo_repo: Path, snap_compare) -> None:
    app, opened = _reopened(demo_repo, REVIEW_RUN, ("2",))
    assert snap_compare(app, terminal_size=SIZE, run_before=opened)
