"""The whole spine with `--sandbox docker`: same merged result as `local`; a killed run's containers
are removed by the next prune."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from support.repos import git, make_repo, read_report
from support.shared_specs import slow_task_cassette, slow_task_files

pytestmark = pytest.mark.docker


def _run(interns, repo: Path, cassette: Path, report: Path, backend: str):
    return interns("run", "--sandbox", backend, "--parallel", "2", "--replay", str(cassette), "--json", str(report), "--plain", cwd=repo)


def test_docker_run_merges_the_same_result_as_local(interns, calc_repo: Path, calc_cassette: Path, tmp_path: Path, sandbox_image, docker_client):
    outcomes = {}
    for backend in ("local", "docker"):
        report_path = tmp_path / f"{backend}.json"
        result = _run(interns, calc_repo, calc_cassette, report_path, backend)
        assert result.returncode == 0, result.stderr + _event_log(calc_repo)
        report = read_report(report_path)
        statuses = {task["id"]: task["status"] for task in report["tasks"]}
        tree = git(calc_repo, "rev-parse", f"{report['integration_branch']}^{{tree}}")
        outcomes[backend] = (statuses, tree)
        assert docker_client.containers.list(all=True, filters={"label": f"interns.run={report['run_id']}"}) == []
    assert outcomes["docker"] == outcomes["local"]
    assert set(outcomes["docker"][0].values()) == {"merged"}


def _event_log(repo: Path) -> str:
    logs = sorted((repo / ".interns" / "state" / "runs").glob("*.events.jsonl"))
    return "\n".join(path.read_text()[-4000:] for path in logs[-1:])


SLOW_FILES = slow_task_files(120)


def test_containers_of_a_killed_run_are_pruned(tmp_path: Path, sandbox_image, docker_client):
    repo = make_repo(tmp_path / "slow-repo", SLOW_FILES)
    cassette = slow_task_cassette(tmp_path / "slow.jsonl")
    run = subprocess.Popen(
        [sys.executable, "-c", "from interns.cli import main; main()", "run", "--sandbox", "docker", "--replay", str(cassette), "--plain"],
        cwd=repo, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    owned = {"label": [f"interns.owner.pid={run.pid}"]}
    try:
        deadline = time.monotonic() + 90
        while not docker_client.containers.list(filters=owned) and time.monotonic() < deadline and run.poll() is None:
            time.sleep(0.2)
        assert docker_client.containers.list(filters=owned), "the run never started a container"
    finally:
        run.send_signal(signal.SIGKILL)
        run.wait()
    assert docker_client.containers.list(all=True, filters=owned)  # orphaned: nobody removed them

    pruned = subprocess.run(
        [sys.executable, "-c", "from interns.cli import main; main()", "sandbox", "prune"],
        capture_output=True, text=True, env={**os.environ},
    )
    assert pruned.returncode == 0, pruned.stderr
    assert docker_client.containers.list(all=True, filters=owned) == []
