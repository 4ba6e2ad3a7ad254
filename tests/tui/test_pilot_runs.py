"""The TUI driving whole replayed runs on real repositories (Textual pilot, local sandbox)."""

from __future__ import annotations

import json
import sys
from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

import pytest
from textual.pilot import Pilot

from interns.tui.app import InternsApp
from interns.run_options import RunOptions
from interns.tui.screens.picker import PickerScreen
from interns.tui.screens.run_view import RunScreen
from interns.tui.widgets.status_bar import status_line
from support.repos import git

SIZE = (120, 36)


def app_for(repo: Path, cassette: Path) -> InternsApp:
    return InternsApp(repo, RunOptions(sandbox="local", replay=str(cassette)))


def statuses(app: InternsApp) -> dict[str, str]:
    model = app.controller.model
    assert model is not None
    return {task_id: model.display_status(task) for task_id, task in model.tasks.items()}


def settled(app: InternsApp) -> bool:
    """The run thread is done and its final report has reached the screen."""
    model = app.controller.model
    return not app.controller.active and model is not None and not model.live and model.status not in ("starting", "running", "stopping")


def record_of(repo: Path, run_id: str) -> dict:
    return json.loads((repo / ".interns" / "state" / "runs" / f"{run_id}.json").read_text())


async def open_picker(pilot, app: InternsApp, wait_for) -> PickerScreen:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen) and app.screen.loaded, "the picker to load")
    return app.screen  # type: ignore[return-value]


@asynccontextmanager
async def on_the_picker(app: InternsApp, wait_for) -> AsyncIterator[tuple[Pilot, PickerScreen]]:  # type: ignore[no-untyped-def]
    """`app` running under a pilot, its picker loaded."""
    async with app.run_test(size=SIZE) as pilot:
        yield pilot, await open_picker(pilot, app, wait_for)


@pytest.mark.asyncio
async def test_start_from_picker_and_watch_tasks_merge(calc_repo: Path, calc_cassette: Path, wait_for) -> None:
    app = app_for(calc_repo, calc_cassette)
    async with on_the_picker(app, wait_for) as (pilot, picker):
        assert [entry.path for entry in picker.catalog.entries] == [".interns/specs/calc.md"]
        await pilot.press("space", "r")  # select the spec, run it
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen), "the run view")
        await wait_for(pilot, lambda: any(status in ("running", "validating") for status in statuses(app).values()), "an intern at work")
        await wait_for(pilot, lambda: settled(app), "the run to finish")
        assert statuses(app) == {"calc/add": "merged", "calc/mul": "merged", "calc/power": "merged"}
        model = app.controller.model
        line = status_line(model).plain
        assert "3/3 merged" in line and "sandbox local" in line and "210 tokens" in line and "tok/s" in line
        # the selected intern's transcript and diff come from the stream
        screen = app.screen
        await pilot.press("down", "down")
        assert screen.selected.id == "calc/power"
        assert any(entry.kind == "answer" and "def power" in entry.text for entry in screen.selected.transcript)
        await pilot.press("2")
        assert "+def power(base, exponent):" in (screen.selected.diff or "")
        run_id = model.run_id
        # real effects: the integration branch holds every task's file
        assert "calc/power.py" in git(calc_repo, "ls-tree", "-r", "--name-only", f"interns/{run_id}/integration")
        assert record_of(calc_repo, run_id)["status"] == "finished"
        # back on the picker the run is listed; reopened from disk it reads the same
        await pilot.press("escape")
        picker = await open_picker(pilot, app, wait_for)
        await wait_for(pilot, lambda: [stored.record.run_id for stored in picker.runs] == [run_id], "the run in the runs list")
    # a later session reopens it read-only from disk: events log, report and checkpoint
    later = InternsApp(calc_repo, RunOptions(sandbox="local"), open_run=run_id)
    async with later.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(later.screen, RunScreen), "the stored run")
        stored = later.screen.model
        assert stored is not later.controller.model and not stored.live
        assert {task_id: task.status for task_id, task in stored.tasks.items()} == {"calc/add": "merged", "calc/mul": "merged", "calc/power": "merged"}
        power = stored.tasks["calc/power"]
        assert "+def power(base, exponent):" in (power.diff or "") and power.accept == ("python -c 'from calc.power import power; assert power(2, 3) == 8'",)
        assert [entry.kind for entry in power.transcript if entry.kind in ("answer", "validated", "merged")] == ["answer", "validated", "merged"]
        assert status_line(stored).plain.startswith(" ok · 3/3 merged")


@pytest.mark.asyncio
async def test_manual_review_waits_then_approve_merges(review_repo: tuple[Path, Path], wait_for) -> None:
    repo, cassette = review_repo
    app = app_for(repo, cassette)
    async with on_the_picker(app, wait_for) as (pilot, _picker):
        await pilot.press("r")
        await wait_for(pilot, lambda: settled(app), "the run to pause for review")
        model = app.controller.model
        assert model.status == "awaiting_review" and model.awaiting_review == ["flag"]
        assert statuses(app) == {"flag": "awaiting review"}
        assert "+ENABLED = True" in (model.tasks["flag"].diff or "")  # the diff to decide on
        await wait_for(pilot, lambda: app.screen.query_one("ReviewBar").has_class("-waiting"), "the review bar")
        integration = f"interns/{model.run_id}/integration"
        assert git(repo, "rev-parse", integration) == model.base_commit  # nothing merged yet
        await pilot.press("a")
        await wait_for(pilot, lambda: statuses(app) == {"flag": "merged"} and settled(app), "the approved merge")
        assert model.status == "ok"
        assert git(repo, "show", f"{integration}:app/flags.py") == "ENABLED = True"


@pytest.mark.asyncio
async def test_reject_with_the_mouse_drops_the_change(review_repo: tuple[Path, Path], wait_for) -> None:
    repo, cassette = review_repo
    app = app_for(repo, cassette)
    async with on_the_picker(app, wait_for) as (pilot, _picker):
        await pilot.click("#run")
        await wait_for(pilot, lambda: settled(app) and app.screen.query_one("ReviewBar").has_class("-waiting"), "the review bar")
        await pilot.pause()  # its buttons laid out
        assert await pilot.click("#reject")
        await wait_for(pilot, lambda: statuses(app) == {"flag": "rejected"} and settled(app), "the rejection")
        model = app.controller.model
        assert git(repo, "rev-parse", f"interns/{model.run_id}/integration") == model.base_commit


@pytest.mark.asyncio
async def test_retry_a_failed_task_and_copy_its_failure(retry_repo: tuple[Path, Path], wait_for) -> None:
    repo, cassette = retry_repo
    app = app_for(repo, cassette)
    async with on_the_picker(app, wait_for) as (pilot, picker):
        assert [entry.path for entry in picker.catalog.entries] == [".interns/specs/after.md", ".interns/specs/greet.md"]
        await pilot.press("space", "down", "space", "r")  # both specs
        await wait_for(pilot, lambda: settled(app), "the failing run")
        assert statuses(app) == {"greet": "budget_exhausted", "after": "skipped"}
        screen = app.screen
        assert screen.selected.id == "greet"
        greet = app.controller.model.tasks["greet"]
        assert [record.passed for record in greet.acceptance] == [False]
        await pilot.press("3", "y")  # the acceptance tab, copy the failing output
        assert app.clipboard.startswith("$ python -c 'from app.greet import hello; assert hello() == 1'")
        assert "AssertionError" in app.clipboard
        await pilot.press("r")
        await wait_for(pilot, lambda: statuses(app) == {"greet": "merged", "after": "merged"} and settled(app), "the retried tasks to merge")
        assert greet.attempts == 2 and [record.passed for record in greet.acceptance] == [False, True]
        run_id = app.controller.model.run_id
        assert git(repo, "show", f"interns/{run_id}/integration:app/greet.py") == "def hello():\n    return 1"
        assert json.loads((repo / ".interns" / "state" / "runs" / f"{run_id}.report.json").read_text())["exit_code"] == 0


@pytest.mark.asyncio
async def test_cancel_the_run_then_resume_it(slow_repo: tuple[Path, Path], wait_for) -> None:
    repo, cassette = slow_repo
    app = app_for(repo, cassette)
    async with on_the_picker(app, wait_for) as (pilot, _picker):
        await pilot.press("space", "down", "space", "r")  # both specs
        await wait_for(pilot, lambda: len(statuses(app)) == 2 and any(status in ("running", "validating") for status in statuses(app).values()), "an intern at work")
        await pilot.press("C")
        await wait_for(pilot, lambda: settled(app), "the run to stop")
        model = app.controller.model
        assert model.status == "interrupted"
        assert record_of(repo, model.run_id)["status"] == "interrupted"
        assert git(repo, "rev-parse", f"interns/{model.run_id}/integration") == model.base_commit  # nothing merged
        await pilot.press("R")
        await wait_for(pilot, lambda: statuses(app) == {"one": "merged", "two": "merged"} and settled(app), "the resumed run")
        assert record_of(repo, model.run_id)["status"] == "finished"


@pytest.mark.asyncio
async def test_quit_mid_run_leaves_a_resumable_run(slow_repo: tuple[Path, Path], wait_for) -> None:
    repo, cassette = slow_repo
    app = app_for(repo, cassette)
    async with on_the_picker(app, wait_for) as (pilot, _picker):
        await pilot.press("space", "down", "space", "r")
        # events arrive as they happen: a replayed answer turns `running` into `validating` at once
        await wait_for(pilot, lambda: any(status in ("running", "validating") for status in statuses(app).values()), "an intern at work")
        run_id = app.controller.model.run_id
        await pilot.press("q")
    assert app.return_code == 130 and app.interrupted_run == run_id
    assert app.controller.wait(120)
    assert record_of(repo, run_id)["status"] == "interrupted"
    # reopened later, the run picks up where it stopped
    again = app_for(repo, cassette)
    async with on_the_picker(again, wait_for) as (pilot, picker):
        assert picker.runs[0].record.run_id == run_id and picker.runs[0].resumable
        await pilot.press("R")
        await wait_for(pilot, lambda: again.controller.model is not None and statuses(again) == {"one": "merged", "two": "merged"} and settled(again), "the resumed run")


@pytest.mark.asyncio
async def test_spec_problems_inline_and_fixed_in_the_editor(broken_repo: Path, tmp_path: Path, wait_for, monkeypatch: pytest.MonkeyPatch) -> None:
    fixer = tmp_path / "fix_spec.py"
    fixer.write_text("import pathlib, sys\npath = pathlib.Path(sys.argv[-1])\npath.write_text(path.read_text().replace('acept', 'accept'))\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {fixer}")
    monkeypatch.delenv("VISUAL", raising=False)
    app = InternsApp(broken_repo, RunOptions(sandbox="local"))
    async with on_the_picker(app, wait_for) as (pilot, picker):
        entry = picker.catalog.entries[0]
        # every problem of the file at once, by line: the misspelt key, and the field it leaves missing
        assert [str(problem) for problem in entry.problems] == [
            ".interns/specs/typo.md:1: missing required field 'accept'", ".interns/specs/typo.md:5: unknown key 'acept' (did you mean 'accept'?)",
        ]
        assert "unknown key 'acept'" in str(picker.query_one("#problems").render())
        await pilot.press("r")  # refused: the spec has problems
        assert not app.controller.active and "Fix the problems" in str(picker.query_one("#message").render())
        picker.loaded = False
        await pilot.press("e")
        await wait_for(pilot, lambda: picker.loaded, "the specs to reload")
        entry = picker.catalog.entries[0]
        assert entry.ok and entry.uncommitted and entry.task_ids == ["typo"]
