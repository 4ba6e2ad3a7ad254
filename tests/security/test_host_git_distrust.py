"""Host-side git never trusts a worktree: a sandbox command that swaps the worktree's `.git` for a
repository of its own (fsmonitor command, hooks, filters, a work tree pointing at the host) never makes
the host run or touch anything. With Docker the `.git` link cannot even be replaced (read-only mount
point); with the local backend the swap is seen after the command and the task fails as "tampered".
Each attack is a task's acceptance command, run through the real spine next to a benign task."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.attacks import AttackTask, build_battery, filter_attack, fsmonitor_attack, hooks_attack, simple_answer, task_report, worktree_redirect_attack

ATTACKS = {
    "fsmonitor": lambda host: fsmonitor_attack(host / "pwned"),
    "git-dir-replaced": lambda host: worktree_redirect_attack(host),
    "hooks": lambda host: hooks_attack(host / "pwned"),
    "gitattributes-filter": lambda host: filter_attack(host / "pwned"),
}


def _battery(tmp_path: Path, kind: str):
    host = tmp_path / "host"  # build_battery creates it; the scripts only need its path
    # two attempts: the second one starts by resetting the worktree (where a redirected work tree bites)
    task = AttackTask(kind, ["app/attack.py"], simple_answer(), accept=["sh attack.sh"], attempts=2)
    return build_battery(tmp_path, [task], scripts={"attack.sh": ATTACKS[kind](host)})


@pytest.mark.docker
@pytest.mark.parametrize("kind", list(ATTACKS))
def test_docker_keeps_the_git_link_and_the_host_runs_nothing(kind: str, docker_image, interns, tmp_path: Path, leftovers) -> None:
    battery = _battery(tmp_path, kind)
    result, report = battery.run(interns, "docker")
    battery.assert_host_untouched()
    attack = task_report(report, kind)
    assert attack["status"] in ("failed", "budget_exhausted"), attack
    # the command stopped where it tried to remove the read-only `.git` mount point, and says so
    assert "cannot remove '.git'" in (attack["failing_output"] or ""), attack
    assert task_report(report, "benign")["status"] == "merged", report
    assert result.returncode in (1, 4), result.stdout + result.stderr
    assert leftovers(report["run_id"]) == []


@pytest.mark.parametrize("kind", ["fsmonitor", "git-dir-replaced"])
def test_local_backend_fails_a_tampered_worktree_loudly(kind: str, interns, tmp_path: Path) -> None:
    battery = _battery(tmp_path, kind)
    result, report = battery.run(interns, "local")
    battery.assert_host_untouched()
    attack = task_report(report, kind)
    assert (attack["status"], attack["reason"]) == ("failed", "tampered"), attack
    assert ".git" in attack["failing_output"], attack
    assert task_report(report, "benign")["status"] == "merged", report
    assert result.returncode == 1, result.stdout + result.stderr
    worktrees = battery.repo / ".interns" / "state" / "worktrees" / report["run_id"]
    assert not [path for path in worktrees.glob("*") if kind in path.name]  # removed without git
