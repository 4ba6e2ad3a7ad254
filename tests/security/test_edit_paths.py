"""A model's answer writes only real paths inside the worktree: never through a committed symlink (to a
file or a folder outside), never into `.git` or `.interns` even when the scope is `**`. The answer is
refused (told to the model, counted), the host and the repository's own config stay as they were, and
the run goes on with the other tasks."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.attacks import USER_CONFIG, AttackTask, build_battery, task_report
from support.repos import git, whole_file

pytestmark = pytest.mark.docker


def test_edits_through_committed_symlinks_are_refused(docker_image, interns, tmp_path: Path, leftovers) -> None:
    host = tmp_path / "host"
    tasks = [
        AttackTask("link-file", ["app/**"], whole_file("app/notes.txt", "overwritten through a symlink\n")),
        AttackTask("link-folder", ["app/**"], whole_file("app/outside/planted.py", "PLANTED = 1\n")),
    ]
    battery = build_battery(tmp_path, tasks, symlinks={"app/notes.txt": str(host / "sentinel.txt"), "app/outside": str(host)})
    result, report = battery.run(interns, "docker")
    battery.assert_host_untouched()
    for task_id in ("link-file", "link-folder"):
        attack = task_report(report, task_id)
        assert (attack["status"], attack["reason"]) == ("failed", "out_of_scope"), attack
        assert "symbolic link" in attack["failing_output"], attack
    assert task_report(report, "benign")["status"] == "merged", report
    assert result.returncode == 1, result.stdout + result.stderr
    assert leftovers(report["run_id"]) == []


def test_git_and_interns_state_are_out_of_scope_whatever_the_globs(docker_image, interns, tmp_path: Path, leftovers) -> None:
    host = tmp_path / "host"
    tasks = [
        AttackTask("git-config", ["**"], whole_file(".git/config", f'[core]\n\tfsmonitor = "touch {host}/pwned; false"\n')),
        AttackTask("git-hook", ["**"], whole_file(".git/hooks/post-commit", f"#!/bin/sh\ntouch {host}/pwned\n")),
        AttackTask("interns-config", ["**"], whole_file(".interns/config.toml", '[sandbox]\nbackend = "local"\n')),
    ]
    battery = build_battery(tmp_path, tasks)
    git_files_before = {path: path.read_bytes() for path in (battery.repo / ".git").rglob("*") if path.is_file() and "objects" not in path.parts and "logs" not in path.parts and path.name not in ("index", "ORIG_HEAD")}
    branch_before = git(battery.repo, "rev-parse", "main")
    result, report = battery.run(interns, "docker")
    battery.assert_host_untouched()
    for task_id in ("git-config", "git-hook", "interns-config"):
        attack = task_report(report, task_id)
        assert (attack["status"], attack["reason"]) == ("failed", "out_of_scope"), attack
    assert task_report(report, "benign")["status"] == "merged", report
    assert result.returncode == 1, result.stdout + result.stderr
    # the merged result and the repository itself still hold the user's own config, hooks and specs
    integration = report["integration_branch"]
    assert git(battery.repo, "show", f"{integration}:.interns/config.toml") + "\n" == USER_CONFIG
    assert git(battery.repo, "rev-parse", "main") == branch_before
    assert not (battery.repo / ".git" / "hooks" / "post-commit").exists()
    assert "fsmonitor" not in (battery.repo / ".git" / "config").read_text()
    changed = [path for path, data in git_files_before.items() if path.exists() and path.read_bytes() != data and path.name == "config"]
    assert changed == []
    assert leftovers(report["run_id"]) == []
