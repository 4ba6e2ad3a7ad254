"""A task's `budget: {seconds: N}` is a limit: an acceptance command that never ends is cut at what is
left of the budget (not at its own, much longer, limit) and the task ends as `budget:seconds`."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from support.repos import make_repo, read_report, run_interns, whole_file, write_cassette

pytestmark = pytest.mark.docker

BUDGET_S = 8
COMMAND_LIMIT_S = 300  # the per-command limit, far beyond the budget

ENDLESS_FILES = {
    "endless/__init__.py": "",
    ".interns/config.toml": f"[sandbox]\ncommand_timeout_s = {COMMAND_LIMIT_S}\n",
    ".interns/specs/endless.md": f"""
        ---
        id: endless
        title: Endless acceptance
        files: [endless/value.py]
        accept: ["python -c 'import time\\nwhile True: time.sleep(1)'"]
        budget: {{seconds: {BUDGET_S}, attempts: 3}}
        ---
        A task whose acceptance command never ends.
        """,
}


def test_an_endless_acceptance_command_ends_at_the_seconds_budget(docker_image, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", ENDLESS_FILES)
    cassette = write_cassette(tmp_path / "c.jsonl", [{"match": ["# Task: Endless acceptance"], "response": whole_file("endless/value.py", "VALUE = 1\n"), "repeat": True}])
    report_path = tmp_path / "report.json"
    started = time.monotonic()
    result = run_interns("run", "--sandbox", "docker", "--replay", str(cassette), "--json", str(report_path), "--plain", cwd=repo, timeout=120)
    elapsed = time.monotonic() - started
    assert result.returncode == 4, result.stdout + result.stderr
    report = read_report(report_path)
    task = report["tasks"][0]
    assert task["status"] == "budget_exhausted" and task["reason"] == "budget:seconds", task
    assert report["reason_code"] == "budget"
    assert task["attempts"] == 1  # the one endless command used the whole budget
    # the budget plus the time to kill the command and stop the container, far below the command's own limit
    assert task["seconds"] < BUDGET_S + 15, task["seconds"]
    assert elapsed < BUDGET_S + 45, elapsed
    assert "time budget ran out" in (task["failing_output"] or "")
