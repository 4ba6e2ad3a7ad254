"""`interns runs rm RUN` and `interns runs gc`: a run's branches, worktrees and files go; the user's
branch and working tree stay; a run in progress is refused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from support.repos import git, make_repo, run_interns

SPEC = """---
id: hello
title: Hello
files: [hello.py]
accept: ["{accept}"]
---
Write hello.py.
"""
ANSWER = '{"match": ["# Task: Hello"], "response": "hello.py\\n```python\\nprint(1)\\n```\\n", "repeat": true}\n'


def _repo(tmp_path: Path, accept: str = "true") -> tuple[Path, Path]:
    repo = make_repo(tmp_path / "repo", {"README.md": "mine\n", ".interns/specs/hello.md": SPEC.format(accept=accept)})
    cassette = tmp_path / "c.jsonl"
    cassette.write_text(ANSWER)
    return repo, cassette


def _finished_run(repo: Path, cassette: Path) -> str:
    before = set(_run_ids(repo))
    result = run_interns("run", "--sandbox", "local", "--plain", "--replay", str(cassette), cwd=repo)
    assert result.returncode == 0, result.stderr
    (run_id,) = set(_run_ids(repo)) - before
    return run_id


def _run_ids(repo: Path) -> list[str]:
    listed = run_interns("runs", "--json", cwd=repo)
    assert listed.returncode == 0, listed.stderr
    return [run["run_id"] for run in json.loads(listed.stdout)]


def _state_files(repo: Path, run_id: str) -> list[str]:
    runs = repo / ".interns" / "state" / "runs"
    return sorted(path.name for path in runs.glob(f"{run_id}.*")) if runs.is_dir() else []


def test_rm_removes_branches_worktrees_and_files_but_not_the_users(tmp_path: Path) -> None:
    repo, cassette = _repo(tmp_path)
    run_id = _finished_run(repo, cassette)
    # a worktree the run left (as a killed run does) and a user's worktree on one of its branches
    leftover = repo / ".interns" / "state" / "worktrees" / run_id / "hello"
    git(repo, "worktree", "add", "-q", "--detach", str(leftover), f"interns/{run_id}/integration")
    users = tmp_path / "my-checkout"
    git(repo, "worktree", "add", "-q", str(users), f"interns/{run_id}/task/hello")
    (repo / "notes.txt").write_text("my uncommitted work\n")
    assert _state_files(repo, run_id)

    result = run_interns("runs", "rm", run_id, cwd=repo)
    assert result.returncode == 0, result.stderr
    assert f"removed branch interns/{run_id}/integration" in result.stdout
    assert f"removed worktree {leftover}" in result.stdout
    assert f"removed file {repo / '.interns' / 'state' / 'runs' / f'{run_id}.json'}" in result.stdout
    assert f"kept branch interns/{run_id}/task/hello (checked out in {users})" in result.stdout
    assert git(repo, "branch", "--list", f"interns/{run_id}/*").split() == ["+", f"interns/{run_id}/task/hello"]
    assert not leftover.exists() and users.is_dir()
    assert git(repo, "branch", "--show-current") == "main"
    assert (repo / "notes.txt").read_text() == "my uncommitted work\n" and (repo / "README.md").read_text() == "mine\n"
    assert _state_files(repo, run_id) == [] and run_id not in _run_ids(repo)
    assert run_interns("status", run_id, cwd=repo).returncode == 2


def test_rm_of_an_unknown_run_is_bad_input(tmp_path: Path) -> None:
    repo, _ = _repo(tmp_path)
    unknown = run_interns("runs", "rm", "20990101-000000-abcd", cwd=repo)
    assert unknown.returncode == 2 and "no run '20990101-000000-abcd'" in unknown.stderr
    outside = run_interns("runs", "rm", "../outside", cwd=repo)
    assert outside.returncode == 2 and "'../outside' is not a run id" in outside.stderr
    assert (repo / "README.md").is_file()


def test_a_run_in_progress_is_refused(tmp_path: Path) -> None:
    repo, cassette = _repo(tmp_path, accept="sleep 4")
    driver = subprocess.Popen([sys.executable, "-m", "interns", "run", "--sandbox", "local", "--plain", "--replay", str(cassette)], cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        runs = repo / ".interns" / "state" / "runs"
        deadline = time.monotonic() + 60
        while not (ids := [path.name[: -len(".json")] for path in runs.glob("*.json") if not path.name.endswith(".report.json")] if runs.is_dir() else []):
            assert time.monotonic() < deadline and driver.poll() is None, "the run did not start"
            time.sleep(0.2)
        run_id = ids[0]
        result = run_interns("runs", "rm", run_id, cwd=repo)
        assert driver.poll() is None, "the run ended before the check"
        assert result.returncode == 2
        assert f"run {run_id} is in progress" in result.stderr and str(driver.pid) in result.stderr
        assert f"{run_id}.json" in _state_files(repo, run_id)
        gc = run_interns("runs", "gc", "--older-than", "0", cwd=repo)
        assert gc.returncode == 0 and "0 finished run(s)" in gc.stdout
        assert driver.wait(timeout=120) == 0
    finally:
        if driver.poll() is None:
            driver.kill()
            driver.wait()
    assert git(repo, "branch", "--list", f"interns/{run_id}/*")
    removed = run_interns("runs", "rm", run_id, cwd=repo)  # its driver is gone: removable now
    assert removed.returncode == 0, removed.stderr
    assert git(repo, "branch", "--list", "interns/*") == ""


def test_gc_removes_finished_runs_older_than_the_limit(tmp_path: Path) -> None:
    repo, cassette = _repo(tmp_path)
    old, new = _finished_run(repo, cassette), _finished_run(repo, cassette)
    record = repo / ".interns" / "state" / "runs" / f"{old}.json"
    data = json.loads(record.read_text())
    data["created"] = time.time() - 40 * 86_400
    record.write_text(json.dumps(data))

    dry = run_interns("runs", "gc", "--older-than", "30", "--dry-run", cwd=repo)
    assert dry.returncode == 0, dry.stderr
    assert f"would remove run {old}" in dry.stdout and new not in dry.stdout
    assert sorted(_run_ids(repo)) == sorted([old, new])

    gc = run_interns("runs", "gc", "--older-than", "30", cwd=repo)
    assert gc.returncode == 0, gc.stderr
    assert f"removed branch interns/{old}/integration" in gc.stdout and "1 finished run(s)" in gc.stdout
    assert _run_ids(repo) == [new]
    assert git(repo, "branch", "--list", f"interns/{old}/*") == "" and git(repo, "branch", "--list", f"interns/{new}/*")
    assert os.path.isfile(repo / "README.md")
