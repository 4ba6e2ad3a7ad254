"""Commands that flood the worktree or never end stay contained: 10,000 long-named files are handled
(interns' own config and specs the command rewrote are never committed), an endless command that keeps
trying to swap `.git` and leaves a daemon behind is cut at its timeout with nothing left running."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from support.attacks import USER_CONFIG, AttackTask, build_battery, endless_attack, flood_attack, simple_answer, task_report
from support.repos import git

pytestmark = pytest.mark.docker

FLOOD_FILES = 10_000
COMMAND_TIMEOUT_S = 4


def test_a_flood_of_files_is_handled_and_interns_state_never_committed(docker_image, interns, tmp_path: Path, leftovers) -> None:
    task = AttackTask("flood", ["**"], simple_answer(), accept=["sh flood.sh"])
    battery = build_battery(tmp_path, [task], scripts={"flood.sh": flood_attack(FLOOD_FILES)})
    started = time.monotonic()
    result, report = battery.run(interns, "docker")
    assert time.monotonic() - started < 60
    battery.assert_host_untouched()
    flood = task_report(report, "flood")
    # in scope (`**`), so the files are the task's change; interns' own state is not, whatever the glob
    assert flood["status"] == "merged", flood
    committed = git(battery.repo, "diff", "--name-only", f"{report['base_commit']}..{flood['commit']}").splitlines()
    assert len([path for path in committed if path.startswith("flood/")]) == FLOOD_FILES
    assert not [path for path in committed if path.startswith((".interns/", ".git"))], committed[:5]
    assert git(battery.repo, "show", f"{report['integration_branch']}:.interns/config.toml") + "\n" == USER_CONFIG
    assert task_report(report, "benign")["status"] == "merged", report
    assert result.returncode == 0, result.stdout + result.stderr
    assert leftovers(report["run_id"]) == []


def test_an_endless_command_is_cut_and_leaves_nothing_behind(docker_image, interns, tmp_path: Path, leftovers) -> None:
    host = tmp_path / "host"
    marker = "98765"  # `sleep 98765` / `sleep 987651`: found on the host if anything escaped
    task = AttackTask("endless", ["app/attack.py"], simple_answer(), accept=["sh endless.sh"])
    config = USER_CONFIG + f"[sandbox]\ncommand_timeout_s = {COMMAND_TIMEOUT_S}\n"
    battery = build_battery(tmp_path, [task], scripts={"endless.sh": endless_attack(host / "pwned", marker)}, config=config)
    started = time.monotonic()
    result, report = battery.run(interns, "docker")
    assert time.monotonic() - started < 60
    battery.assert_host_untouched()
    endless = task_report(report, "endless")
    assert endless["status"] in ("failed", "budget_exhausted"), endless
    assert "timeout" in (endless["failing_output"] or ""), endless
    assert task_report(report, "benign")["status"] == "merged", report
    assert result.returncode in (1, 4), result.stdout + result.stderr
    assert leftovers(report["run_id"], f"sleep {marker}") == []
