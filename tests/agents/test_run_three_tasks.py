"""The spine end to end on a real repository: three tasks, two in parallel, one after both."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from support.repos import events_of, git, read_report


def _run(interns, repo: Path, cassette: Path, report: Path, *extra: str):
    return interns("run", "--sandbox", "local", "--parallel", "2", "--replay", str(cassette), "--json", str(report), "--plain", *extra, cwd=repo)


def test_three_tasks_merge_in_dependency_order(interns, calc_repo: Path, calc_cassette: Path, tmp_path: Path) -> None:
    head_before = git(calc_repo, "rev-parse", "HEAD")
    report_path = tmp_path / "report.json"
    result = _run(interns, calc_repo, calc_cassette, report_path)
    assert result.returncode == 0, result.stderr
    report = read_report(report_path)
    assert report["status"] == "ok"
    assert {task["id"]: task["status"] for task in report["tasks"]} == {"calc/add": "merged", "calc/mul": "merged", "calc/power": "merged"}
    assert all(task["attempts"] == 1 and task["tokens"] == 70 for task in report["tasks"])

    events = events_of(calc_repo, report["run_id"])
    started = {e["task"]: e["time"] for e in events if e["event"] == "task_started"}
    finished = {e["task"]: e["time"] for e in events if e["event"] == "task_finished"}
    merged = {e["task"]: e["time"] for e in events if e["event"] == "merged"}
    # the independent tasks ran at the same time: each started before the other finished
    assert started["calc/add"] < finished["calc/mul"] and started["calc/mul"] < finished["calc/add"]
    # the dependent task started only after both of its dependencies merged
    assert started["calc/power"] > max(merged["calc/add"], merged["calc/mul"])

    # the integration branch holds all three changes and passes every acceptance command there
    integration = report["integration_branch"]
    check = tmp_path / "check"
    git(calc_repo, "worktree", "add", "--detach", str(check), integration)
    for module, expression in (("add", "add(2, 3) == 5"), ("mul", "mul(2, 3) == 6"), ("power", "power(2, 3) == 8")):
        code = f"from calc.{module} import {module}; assert {expression}"
        subprocess.run([sys.executable, "-c", code], cwd=check, check=True)
    merges = git(calc_repo, "log", "--merges", "--format=%s", integration).splitlines()
    assert len(merges) == 3

    # the user's branch and working tree are untouched
    assert git(calc_repo, "rev-parse", "HEAD") == head_before
    assert git(calc_repo, "status", "--porcelain") == ""
    assert not (calc_repo / "calc" / "add.py").exists()


def test_apply_fast_forwards_the_users_branch(interns, calc_repo: Path, calc_cassette: Path, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    result = _run(interns, calc_repo, calc_cassette, report_path, "--apply")
    assert result.returncode == 0, result.stderr
    report = read_report(report_path)
    assert report["applied"] is True
    assert git(calc_repo, "rev-parse", "HEAD") == report["integration_commit"]
    assert (calc_repo / "calc" / "power.py").exists()
    assert git(calc_repo, "status", "--porcelain") == ""


def test_runs_and_status_list_the_run(interns, calc_repo: Path, calc_cassette: Path, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    assert _run(interns, calc_repo, calc_cassette, report_path).returncode == 0
    run_id = read_report(report_path)["run_id"]
    listing = interns("runs", cwd=calc_repo)
    assert run_id in listing.stdout and "3/3 merged" in listing.stdout
    status = interns("status", run_id, "--json", cwd=calc_repo)
    assert status.returncode == 0 and f'"run_id": "{run_id}"' in status.stdout


def test_parallel_one_runs_the_tasks_one_after_another(interns, calc_repo: Path, calc_cassette: Path, tmp_path: Path) -> None:
    """`--parallel 1` deadlocked: LangGraph's stream waiter held the only thread of its pool."""
    report_path = tmp_path / "report.json"
    result = interns("run", "--sandbox", "local", "--parallel", "1", "--replay", str(calc_cassette), "--json", str(report_path), "--plain", cwd=calc_repo)
    assert result.returncode == 0, result.stderr
    events = events_of(calc_repo, read_report(report_path)["run_id"])
    spans = sorted((e["time"], e["event"]) for e in events if e["event"] in ("task_started", "task_finished"))
    assert [kind for _, kind in spans] == ["task_started", "task_finished"] * 3  # never two at once
