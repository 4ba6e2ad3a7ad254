"""Run state in Postgres (`state = "postgres://..."`): a run SIGKILLed mid-way in one clone is seen
(`interns status`) and resumed from another clone with no SQLite file and no run files, through the
shared database, to the same result; the "one driver per run" lock holds across processes. Without the
extra or the database, commands stop with exit 3 and say why."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

import pytest

from support.postgres_server import postgres_server
from support.repos import git, merged_tasks, read_report, run_interns

pytest.importorskip("psycopg", reason="the postgres extra is not installed: pip install -e '.[postgres]'")
pytest.importorskip("langgraph.checkpoint.postgres", reason="the postgres extra is not installed: pip install -e '.[postgres]'")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def database() -> Iterator[str]:
    yield from postgres_server()


def _wait_for_merge(runs_dir: Path, process: subprocess.Popen, timeout: float = 180) -> str:
    """The run id, once the run has merged its first task (others still pending)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for log in runs_dir.glob("*.events.jsonl") if runs_dir.is_dir() else []:
            if any(json.loads(line).get("event") == "merged" for line in log.read_text().splitlines() if line.strip().endswith("}")):
                return log.name.split(".")[0]
        assert process.poll() is None, process.stderr.read() if process.stderr else "run ended early"
        time.sleep(0.05)
    raise AssertionError(f"no merged event within {timeout} s")


def test_a_run_killed_in_one_clone_is_seen_and_resumed_from_another(database: str, calc_repo: Path, calc_cassette: Path, tmp_path: Path) -> None:
    from interns.agents.postgres_run_store import PostgresRunStore
    from interns.agents.run_store import RunLockedError

    env = {**os.environ, "INTERNS_STATE": database}
    process = subprocess.Popen(
        [sys.executable, "-m", "interns", "run", "--sandbox", "local", "--parallel", "2", "--replay", str(calc_cassette), "--plain"],
        cwd=calc_repo, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    state = calc_repo / ".interns" / "state"
    run_id = _wait_for_merge(state / "runs", process)
    # while it runs, nobody else may drive it: the advisory lock is held by the run's process
    with pytest.raises(RunLockedError, match=r"interns pid \d+"):
        PostgresRunStore(tmp_path / "elsewhere" / ".interns" / "state", database).lock(run_id)
    os.killpg(process.pid, signal.SIGKILL)  # mid-way: one task merged, the others pending
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert not (state / "checkpoints.sqlite").exists() and not list((state / "runs").glob("*.json")), "the run state went to a file, not Postgres"

    # "another machine": a fresh clone with the run's branches (as `git fetch` brings them), no .interns/state
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(calc_repo), str(clone))
    git(clone, "fetch", "-q", "origin", "+refs/heads/interns/*:refs/heads/interns/*")
    assert not (clone / ".interns" / "state").exists()

    seen = run_interns("status", run_id, "--state", database, cwd=clone, timeout=60)
    assert seen.returncode == 0, seen.stderr
    assert f"run {run_id}: running" in seen.stdout  # the record, from Postgres: killed before it ended

    report_path = tmp_path / "resumed.json"
    resumed = run_interns("resume", run_id, "--state", database, "--replay", str(calc_cassette), "--plain", "--json", str(report_path), cwd=clone, timeout=240)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    report = read_report(report_path)
    assert [task["status"] for task in report["tasks"]] == ["merged"] * 3
    assert merged_tasks(clone, report["integration_branch"]) == ["calc/add", "calc/mul", "calc/power"]  # each exactly once
    assert git(clone, "show", f"{report['integration_branch']}:calc/power.py").startswith("from calc.mul import mul")
    assert git(clone, "status", "--porcelain") == ""
    assert not (clone / ".interns" / "state" / "checkpoints.sqlite").exists()

    # the first clone (the first machine) now sees the finished run, report included
    for where in (calc_repo, clone):
        shown = run_interns("status", run_id, cwd=where, env={"INTERNS_STATE": database}, timeout=60)
        assert shown.returncode == 0, shown.stderr
        assert "calc/power" in shown.stdout and "merged" in shown.stdout, shown.stdout
    listed = run_interns("runs", "--json", cwd=calc_repo, env={"INTERNS_STATE": database}, timeout=60)
    assert [(run["run_id"], run["status"]) for run in json.loads(listed.stdout)] == [(run_id, "finished")]


def test_an_unreachable_database_is_exit_3_naming_it(interns, calc_repo: Path) -> None:
    result = interns("status", "20240101-000000-abcd", "--state", "postgres://nobody:secret@127.0.0.1:1/nowhere", cwd=calc_repo)
    assert result.returncode == 3, result.stderr
    assert "cannot reach the run-state database postgres://nobody:***@127.0.0.1:1/nowhere" in result.stderr
    assert "secret" not in result.stderr
    assert "INTERNS_STATE" not in os.environ  # the flag holds for that one command


def test_a_missing_extra_is_exit_3_naming_the_install_command(interns, calc_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if `interns[postgres]` were not installed
    result = interns("runs", cwd=calc_repo, env={"INTERNS_STATE": "postgres://interns@127.0.0.1:5432/interns"})
    assert result.returncode == 3, result.stderr
    assert 'pip install "interns[postgres]"' in result.stderr


def test_a_bad_state_setting_is_bad_input(interns, calc_repo: Path) -> None:
    result = interns("status", "x", "--state", "mysql://db", cwd=calc_repo)
    assert result.returncode == 2
    assert "postgres://" in result.stderr
