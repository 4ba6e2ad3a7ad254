"""The TUI shows the local backend's not-isolated warning at every run (Textual pilot, real replayed run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from interns.tui.app import InternsApp
from interns.run_options import RunOptions
from interns.tui.screens.picker import PickerScreen
from interns.tui.screens.run_view import RunScreen


def _warnings(app: InternsApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications if notification.severity == "warning"]


@pytest.mark.asyncio
async def test_a_local_run_warns_that_it_is_not_isolated(calc_repo: Path, calc_cassette: Path, wait_for) -> None:
    app = InternsApp(calc_repo, RunOptions(sandbox="local", replay=str(calc_cassette)))
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: isinstance(app.screen, PickerScreen) and app.screen.loaded, "the picker to load")
        await pilot.press("space", "r")
        await wait_for(pilot, lambda: isinstance(app.screen, RunScreen), "the run view")
        await wait_for(pilot, lambda: any("NOT isolated" in text for text in _warnings(app)), "the not-isolated warning")
        assert any("--sandbox local" in text for text in _warnings(app))
        await wait_for(pilot, lambda: not app.controller.active, "the run to finish")
