"""Interns on Ray (`--executor ray`), on a real cluster of 3 nodes on loopback: a run of 8 independent
tasks in the Docker sandbox lands on more than one node and merges all of them, to the same tree as the
in-process executor on the same cassette; a node killed mid-run has its tasks re-run on the others, and
no task is merged twice."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from support.ray_cluster import ray_cluster
from support.repos import events_of, git, make_repo, merged_tasks, read_report, whole_file, write_cassette

pytestmark = pytest.mark.slow

TASKS = 8


def _files(setup_seconds: int = 0) -> dict[str, str]:
    """Eight tasks, each writing its own module; `setup_seconds` of sandbox set-up per task keep each
    one busy long enough to kill its node (the merge step's re-checks do not run a task's set-up)."""
    setup = f"\n    setup: ['sleep {setup_seconds}']" if setup_seconds else ""
    tasks = "".join(
        f"\n  - id: t{i}\n    title: Value {i}\n    files: [values/v{i}.py]{setup}\n    accept: [\"python -c 'from values.v{i} import VALUE; assert VALUE == {i}'\"]"
        for i in range(TASKS)
    )
    return {"values/__init__.py": "", ".interns/specs/values.md": f"---\nid: values\ntitle: Values\ntasks:{tasks}\n---\nOne module per value.\n"}


def _cassette(path: Path) -> Path:
    return write_cassette(path, [{"match": [f"# Task: Value {i}\n"], "response": whole_file(f"values/v{i}.py", f"VALUE = {i}\n")} for i in range(TASKS)])


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    yield from ray_cluster(nodes=3, cpus_per_node=1)


def _started_on(events: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Task id -> the nodes it started on, in order."""
    nodes: dict[str, list[str]] = {}
    for event in events:
        if event["event"] == "task_started":
            nodes.setdefault(event["task"], []).append(event.get("node"))
    return nodes


def _tree(repo: Path, report: dict[str, Any]) -> str:
    return git(repo, "rev-parse", f"{report['integration_branch']}^{{tree}}")


@pytest.mark.docker
def test_eight_tasks_spread_over_the_nodes_and_merge_as_in_process(interns, cluster: Any, docker_image: str, tmp_path: Path) -> None:
    cassette = _cassette(tmp_path / "values.jsonl")
    results = {}
    for executor, where in (("in-process", []), ("ray", ["--ray-address", cluster.address])):
        repo = make_repo(tmp_path / executor, _files())
        report_path = tmp_path / f"{executor}.json"
        result = interns("run", "--executor", executor, *where, "--sandbox", "docker", "--parallel", str(TASKS), "--replay", str(cassette), "--json", str(report_path), "--plain", cwd=repo)
        assert result.returncode == 0, result.stderr
        report = read_report(report_path)
        assert {task["status"] for task in report["tasks"]} == {"merged"} and len(report["tasks"]) == TASKS
        assert merged_tasks(repo, report["integration_branch"]) == sorted(f"values/t{i}" for i in range(TASKS))  # each once
        results[executor] = (repo, report)

    ray_repo, ray_report = results["ray"]
    started = _started_on(events_of(ray_repo, ray_report["run_id"]))
    assert len(started) == TASKS and all(len(nodes) == 1 for nodes in started.values()), started
    assert len({nodes[0] for nodes in started.values()}) > 1, f"every task ran on one node: {started}"
    assert {nodes[0] for nodes in started.values()} <= {node.node_id for node in cluster.list_all_nodes()}
    in_process_repo, in_process_report = results["in-process"]
    assert set(map(tuple, _started_on(events_of(in_process_repo, in_process_report["run_id"])).values())) == {(None,)}  # threads here, no node
    assert _tree(ray_repo, ray_report) == _tree(in_process_repo, in_process_report)


def _wait_for_start_on(runs: Path, nodes: set[str], run: threading.Thread, timeout: float = 150) -> str:
    """The first of `nodes` a task of the run started on."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for log in runs.glob("*.events.jsonl") if runs.is_dir() else []:
            for line in log.read_text().splitlines():
                event = json.loads(line) if line.strip().endswith("}") else {}
                if event.get("event") == "task_started" and event.get("node") in nodes:
                    return event["node"]
        assert run.is_alive(), "the run ended early"
        time.sleep(0.1)
    raise AssertionError(f"no task started on {nodes} within {timeout} s")


def test_a_node_killed_mid_run_has_its_tasks_run_again_elsewhere(interns, cluster: Any, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo", _files(setup_seconds=4))
    cassette = _cassette(tmp_path / "values.jsonl")
    report_path = tmp_path / "report.json"
    results: list[Any] = []
    argv = ("run", "--executor", "ray", "--ray-address", cluster.address, "--sandbox", "local", "--parallel", str(TASKS), "--replay", str(cassette), "--json", str(report_path), "--plain")
    run = threading.Thread(target=lambda: results.append(interns(*argv, cwd=repo)), daemon=True)
    run.start()
    head = cluster.head_node.node_id
    workers = {node.node_id: node for node in cluster.list_all_nodes() if node.node_id != head}
    doomed = _wait_for_start_on(repo / ".interns" / "state" / "runs", set(workers), run)
    cluster.remove_node(workers[doomed], allow_graceful=False)  # its raylet and workers die mid-task
    run.join(timeout=240)
    assert results and results[0].returncode == 0, results[0].stderr if results else "the run did not end"
    report = read_report(report_path)
    assert {task["status"] for task in report["tasks"]} == {"merged"}
    started = _started_on(events_of(repo, report["run_id"]))
    rerun = {task: nodes for task, nodes in started.items() if doomed in nodes}
    assert rerun, started
    for task, nodes in rerun.items():  # each task of the dead node started again, on a live node, and ran there to the end
        assert nodes[-1] != doomed and len(nodes) >= 2, (task, nodes)
    assert merged_tasks(repo, report["integration_branch"]) == sorted(f"values/t{i}" for i in range(TASKS))  # each merged once
