"""Resume after SIGKILL at the moments that leave something behind: before the run's graph wrote its
first checkpoint, and with leftovers of the dead run (git locks, a locked worktree) in its worktrees.
Each resume finishes within a bounded time with every task merged exactly once."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from support.repos import CALC_ANSWERS, CALC_FILES, git, make_repo, read_report, run_interns, write_cassette
from support.shared_specs import slow_task_cassette, slow_task_files

RESUME_TIMEOUT_S = 90


def _merged_tasks(repo: Path, branch: str) -> list[str]:
    messages = git(repo, "log", "--merges", "--format=%B%x00", branch).split("\0")
    return sorted(line.split(": ", 1)[1] for message in messages for line in message.splitlines() if line.startswith("Interns-Merge: "))


def _start_run(repo: Path, cassette: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "interns", "run", "--sandbox", "local", "--parallel", "2", "--replay", str(cassette), "--plain"],
        cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )


def _wait_for(path_glob: str, directory: Path, process: subprocess.Popen, timeout: float = 120) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = sorted(directory.glob(path_glob)) if directory.is_dir() else []
        if found:
            return found[0]
        assert process.poll() is None, process.stderr.read() if process.stderr else "run ended early"
        time.sleep(0.01)
    raise AssertionError(f"no {path_glob} in {directory} within {timeout} s")


def _resume_and_check(repo: Path, run_id: str, tmp_path: Path, head_before: str) -> None:
    report_path = tmp_path / "resumed.json"
    started = time.monotonic()
    resumed = run_interns("resume", run_id, "--plain", "--json", str(report_path), cwd=repo, timeout=RESUME_TIMEOUT_S)
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert time.monotonic() - started < RESUME_TIMEOUT_S
    report = read_report(report_path)
    assert [task["status"] for task in report["tasks"]] == ["merged"] * 3
    assert _merged_tasks(repo, report["integration_branch"]) == ["calc/add", "calc/mul", "calc/power"]
    assert git(repo, "rev-parse", "HEAD") == head_before
    assert git(repo, "status", "--porcelain") == ""


def test_killed_before_the_first_checkpoint_resumes_from_the_start(calc_repo: Path, calc_cassette: Path, tmp_path: Path) -> None:
    head_before = git(calc_repo, "rev-parse", "HEAD")
    state = calc_repo / ".interns" / "state"
    state.mkdir(parents=True)
    # Hold the checkpoint database's write lock: the run saves its record, then blocks before its
    # graph can write a first checkpoint; it is killed right there.
    blocker = sqlite3.connect(str(state / "checkpoints.sqlite"), isolation_level=None)
    blocker.execute("PRAGMA journal_mode=WAL")
    blocker.execute("BEGIN IMMEDIATE")
    try:
        process = _start_run(calc_repo, calc_cassette)
        runs = state / "runs"
        log = _wait_for("*.events.jsonl", runs, process)  # opened just before the graph starts
        time.sleep(0.5)
        assert process.poll() is None, process.stderr.read()
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    run_id = log.name.split(".")[0]
    with sqlite3.connect(str(state / "checkpoints.sqlite")) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert "checkpoints" not in tables or connection.execute("SELECT count(*) FROM checkpoints WHERE thread_id = ?", (run_id,)).fetchone()[0] == 0
    _resume_and_check(calc_repo, run_id, tmp_path, head_before)


def test_killed_inside_git_worktree_add_leaves_a_locked_worktree_that_resume_clears(tmp_path: Path) -> None:
    # enough files that `git worktree add` takes a while: the run is killed while git has the task's
    # new worktree locked ("initializing"), which the next `worktree add` of that branch refuses
    files = dict(CALC_FILES)
    files.update({f"data/d{i // 100}/f{i}.txt": f"{i}\n" * 20 for i in range(3000)})
    repo = make_repo(tmp_path / "calc", files)
    cassette = write_cassette(tmp_path / "calc.jsonl", CALC_ANSWERS)
    head_before = git(repo, "rev-parse", "HEAD")
    process = _start_run(repo, cassette)
    admin = repo / ".git" / "worktrees"
    deadline = time.monotonic() + 120
    locked: list[Path] = []
    while not locked and time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read()
        locked = [path for path in admin.glob("calc__*/locked")] if admin.is_dir() else []
        time.sleep(0.002)
    assert locked, "no task worktree was ever being added"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert any(path.exists() for path in locked), "git finished the worktree before the kill"
    run_id = next((repo / ".interns" / "state" / "runs").glob("*.events.jsonl")).name.split(".")[0]
    _resume_and_check(repo, run_id, tmp_path, head_before)


SLOW_FILES = slow_task_files(90)


def test_resume_of_a_run_another_process_drives_fails_at_once_naming_it(tmp_path: Path) -> None:
    from interns.agents.run_store import RunStore

    repo = make_repo(tmp_path / "slow", SLOW_FILES)
    cassette = slow_task_cassette(tmp_path / "slow.jsonl")
    process = _start_run(repo, cassette)
    try:
        log = _wait_for("*.events.jsonl", repo / ".interns" / "state" / "runs", process)
        run_id = log.name.split(".")[0]
        started = time.monotonic()
        second = run_interns("resume", run_id, "--plain", cwd=repo, timeout=60)
        assert time.monotonic() - started < 30
        assert process.poll() is None, "the run ended before the second resume could meet it"
        assert second.returncode == 2, second.stdout + second.stderr
        assert f"pid {process.pid} " in second.stderr and "already being driven" in second.stderr
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    # once its driver is dead, the run's lock is gone with it
    RunStore(repo / ".interns" / "state").lock(run_id).release()
