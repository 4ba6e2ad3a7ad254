"""A task status's properties (final, retryable, label, style, emoji) are written once, in agents/task_status.py."""

from __future__ import annotations

import pytest

from interns.agents import task_status
from interns.agents.task_status import RETRYABLE, STATUS_TRAITS, TaskStatus, is_final, is_retryable, status_label, status_style
from interns.progress import summary_table
from interns.reports.summary import markdown_summary


def test_every_status_has_its_traits() -> None:
    assert set(STATUS_TRAITS) == set(TaskStatus)


def test_only_a_finished_task_can_be_retried() -> None:
    assert not TaskStatus.PENDING.final and not TaskStatus.VALIDATED.final
    assert all(status.final for status in RETRYABLE)
    assert not TaskStatus.MERGED.retryable


def test_a_rejected_task_is_retryable_everywhere() -> None:
    """The TUI once hid the retry that `interns retry` accepted for a rejected task."""
    from interns.agents import orchestrator

    assert TaskStatus.REJECTED in RETRYABLE
    assert orchestrator.RETRYABLE is RETRYABLE  # what `interns retry` checks
    assert is_retryable("rejected")  # what the TUI's retry key checks


@pytest.mark.parametrize("status", list(TaskStatus))
def test_the_cli_the_tui_and_the_summary_show_a_status_as_the_table_says(status: TaskStatus) -> None:
    traits = status.traits
    assert (status_label(status.value), status_style(status.value), is_final(status.value)) == (traits.label, traits.style, traits.final)
    task = {"id": "t", "status": status.value, "reason": None, "attempts": 1, "tokens": 1, "seconds": 1.0, "merge_commit": None}
    report = {"run_id": "r", "status": "ok", "tasks": [task], "totals": {"merged": 0, "tasks": 1, "tokens": 1}, "integration_branch": "b", "seconds": 1.0, "model": {"intern": "m"}, "sandbox": "local"}
    assert summary_table(report).columns[1]._cells[0] == f"[{traits.style or 'default'}]{status.value}[/]"
    assert f"| {traits.emoji} {status.value} |".replace("|  ", "| ") in markdown_summary(report)


def test_screens_show_a_pending_task_by_its_phase() -> None:
    assert status_label("running") == "● running" and status_style("awaiting review") == "bold yellow"
    assert not is_final("running") and not is_retryable("queued")
    assert status_label("from a newer version") == "from a newer version" and task_status.traits_of("?") is None
