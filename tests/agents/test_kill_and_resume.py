"""A run killed with SIGKILL mid-way resumes from its checkpoint to the same final state."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from support.repos import git, read_report


def _wait_for_event(log: Path, event: str, process: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and any(json.loads(line).get("event") == event for line in log.read_text().splitlines() if line.strip()):
            return
        assert process.poll() is None, process.stderr.read() if process.stderr else "run ended early"
        time.sleep(0.05)
    raise AssertionError(f"no {event} event within {timeout} s")


def test_sigkill_then_resume_reaches_the_same_state_without_duplicate_merges(interns, calc_repo: Path, calc_cassette: Path, tmp_path: Path) -> None:
    head_before = git(calc_repo, "rev-parse", "HEAD")
    process = subprocess.Popen(
        [sys.executable, "-m", "interns", "run", "--sandbox", "local", "--parallel", "2", "--replay", str(calc_cassette), "--plain"],
        cwd=calc_repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    runs_dir = calc_repo / ".interns" / "state" / "runs"
    deadline = time.monotonic() + 120
    while not (runs_dir.exists() and list(runs_dir.glob("*.events.jsonl"))) and time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        time.sleep(0.05)
    log = next(runs_dir.glob("*.events.jsonl"))
    run_id = log.name.split(".")[0]
    _wait_for_event(log, "merged", process)
    os.killpg(process.pid, signal.SIGKILL)  # the whole run, mid-way: one task merged, others pending
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL

    report_path = tmp_path / "report.json"
    resumed = interns("resume", run_id, "--plain", "--json", str(report_path), cwd=calc_repo)
    assert resumed.returncode == 0, resumed.stderr
    report = read_report(report_path)
    assert [task["status"] for task in report["tasks"]] == ["merged", "merged", "merged"]

    # each task merged exactly once on the integration branch
    messages = git(calc_repo, "log", "--merges", "--format=%B%x00", report["integration_branch"]).split("\0")
    merged_tasks = sorted(line.split(": ", 1)[1] for message in messages for line in message.splitlines() if line.startswith("Interns-Merge: "))
    assert merged_tasks == ["calc/add", "calc/mul", "calc/power"]
    assert git(calc_repo, "rev-parse", "HEAD") == head_before
    assert git(calc_repo, "status", "--porcelain") == ""

    # resuming a finished run changes nothing
    again = interns("resume", run_id, "--plain", "--json", str(tmp_path / "again.json"), cwd=calc_repo)
    assert again.returncode == 0
    assert read_report(tmp_path / "again.json")["integration_commit"] == report["integration_commit"]


def test_sigterm_stops_with_exit_130_and_a_resumable_run(interns, calc_repo: Path, calc_cassette: Path, tmp_path: Path) -> None:
    report_path = tmp_path / "report.json"
    process = subprocess.Popen(
        [sys.executable, "-m", "interns", "run", "--sandbox", "local", "--parallel", "2", "--replay", str(calc_cassette), "--plain", "--json", str(report_path)],
        cwd=calc_repo, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    runs_dir = calc_repo / ".interns" / "state" / "runs"
    deadline = time.monotonic() + 120
    while not (runs_dir.exists() and list(runs_dir.glob("*.events.jsonl"))) and time.monotonic() < deadline:
        time.sleep(0.05)
    log = next(runs_dir.glob("*.events.jsonl"))
    _wait_for_event(log, "task_started", process)
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    report = read_report(report_path)
    assert report["status"] == "interrupted" and report["reason_code"] == "interrupted"
    assert "interns resume" in stderr
    resumed = interns("resume", report["run_id"], "--plain", "--json", str(tmp_path / "resumed.json"), cwd=calc_repo)
    assert resumed.returncode == 0, resumed.stderr
    assert [task["status"] for task in read_report(tmp_path / "resumed.json")["tasks"]] == ["merged"] * 3
