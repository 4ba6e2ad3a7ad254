"""Interns on Ray, scaled over nodes: tasks/hour with 1, 2 and 3 Ray nodes, and what the Ray executor
costs per task against the in-process one.

    python bench/bench_scale.py [--tasks 12] [--work 6] [--sandbox local|docker] [--json out.json]

A simulation of the scaling curve on ONE machine, not a measurement of a cluster. Every "node" is a
raylet of a `ray.cluster_utils.Cluster` on 127.0.0.1 with one Ray CPU, so it runs one intern at a time,
as a machine with room for one sandbox would. Each task's intern waits `--work` seconds (a sandbox
set-up `sleep`, standing for the model call and the tests, which in a real cluster run on the node or
on a model server elsewhere), then writes one file from a replayed cassette; every run is a real
`interns run` process (`--executor ray`, RAY_ADDRESS of the cluster): bundles out and back, the head's
checks, merges and re-validation included. Per run: "run s" is the report's `seconds` (the runner's
start to its end); "start s" what passes before the first intern starts (joining Ray, each node's
worker starting and importing interns); tasks/hour over the whole run and over its steady part (first
intern's start to last merge).

Limits, printed with the results: all nodes share this machine's cores (2 here), so the curve shows
how the executor spreads waiting interns, not how compute scales; a CPU-bound intern (the bundled model,
a heavy test suite) would stop scaling at the core count. The head's merge step is serial and grows
with the tasks merged (each merge re-runs the acceptance of every task merged before it).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench_resume import cpu_model, git  # this folder's helpers (run as `python bench/bench_scale.py`)

LOOPBACK_ONLY = {"RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER": "0"}  # Ray keeps 127.0.0.1 (see tests/support/ray_cluster.py)


def make_repo(root: Path, tasks: int, work_s: float) -> Path:
    """One spec of `tasks` independent tasks, each waiting `work_s` in its sandbox set-up."""
    lines = ["---", "id: values", "title: Values", "tasks:"]
    for i in range(tasks):
        lines += [f"  - id: t{i}", f"    title: Value {i}", f"    files: [values/v{i}.py]", f"    setup: ['sleep {work_s}']", f"    accept: ['test -f values/v{i}.py']"]
    files = {"values/__init__.py": "", ".interns/specs/values.md": "\n".join([*lines, "---", "One module per value.", ""])}
    root.mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    for path, text in files.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(text)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "initial")
    return root


def write_cassette(path: Path, tasks: int) -> Path:
    with path.open("w") as handle:
        for i in range(tasks):
            answer = f"values/v{i}.py\n```python\nVALUE = {i}\n```\n"
            handle.write(json.dumps({"match": [f"# Task: Value {i}\n"], "response": answer, "usage": {"prompt_tokens": 50, "completion_tokens": 20}}) + "\n")
    return path


def one_run(workdir: Path, name: str, args: argparse.Namespace, executor: str, parallel: int, address: str | None) -> dict[str, Any]:
    repo = make_repo(workdir / name, args.tasks, args.work)
    report = workdir / f"{name}.json"
    env = {**os.environ, **LOOPBACK_ONLY, **({"RAY_ADDRESS": address} if address else {})}
    argv = [sys.executable, "-m", "interns", "run", "--executor", executor, "--sandbox", args.sandbox, "--parallel", str(parallel), "--replay", str(args.cassette), "--json", str(report), "--plain"]
    started = time.monotonic()
    done = subprocess.run(argv, cwd=repo, env=env, capture_output=True, text=True, timeout=args.timeout)
    wall = time.monotonic() - started
    if done.returncode != 0:
        raise SystemExit(f"{name}: interns run exited {done.returncode}\n{done.stderr[-3000:]}")
    data = json.loads(report.read_text())
    log = repo / ".interns" / "state" / "runs" / f"{data['run_id']}.events.jsonl"
    events = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    nodes = {event.get("node") for event in events} - {None}
    # the steady part: from the first intern's start to the last merge (what the run's start costs is
    # the rest: interpreter and Ray connection, each node's workers starting and importing interns)
    span = max(e["time"] for e in events if e["event"] == "merged") - min(e["time"] for e in events if e["event"] == "task_started")
    merged = sum(task["status"] == "merged" for task in data["tasks"])
    return {
        "name": name, "executor": executor, "parallel": parallel, "seconds": data["seconds"], "span": span, "start": data["seconds"] - span,
        "wall": wall, "merged": merged, "tasks": len(data["tasks"]), "nodes_used": len(nodes),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--tasks", type=int, default=12)
    parser.add_argument("--work", type=float, default=6.0, help="seconds each intern waits (model and tests, simulated)")
    parser.add_argument("--sandbox", choices=["local", "docker"], default="local")
    parser.add_argument("--nodes", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    console = Console() if sys.stdout.isatty() else Console(width=200)
    os.environ.update(LOOPBACK_ONLY)  # before ray is imported
    from ray.cluster_utils import Cluster

    workdir = Path(tempfile.mkdtemp(prefix="bench-scale-"))
    args.cassette = write_cassette(workdir / "values.jsonl", args.tasks)
    cores = os.cpu_count()
    console.print(f"CPU: {cpu_model()}, {cores} cores; {args.tasks} tasks of {args.work:g} s simulated work each, {args.sandbox} sandbox")
    rows = [one_run(workdir, "in-process-1", args, "in-process", 1, None)]
    node = {"node_ip_address": "127.0.0.1"}
    cluster = Cluster(initialize_head=True, head_node_args={**node, "num_cpus": 1, "include_dashboard": False})
    try:
        for count in range(1, args.nodes + 1):
            if count > 1:
                cluster.add_node(**node, num_cpus=1)
            cluster.wait_for_nodes()
            rows.append(one_run(workdir, f"ray-{count}-nodes", args, "ray", args.tasks, cluster.address))
    finally:
        cluster.shutdown()
    rows.append(one_run(workdir, f"in-process-{args.nodes}", args, "in-process", args.nodes, None))

    table = Table(title=f"interns on Ray: {args.tasks} tasks, {args.work:g} s of simulated work each, one intern per node at a time")
    for column in ("run", "interns at once", "nodes used", "merged", "run s", "start s", "tasks/hour (run)", "tasks/hour (steady)", "steady vs 1 node"):
        table.add_column(column, justify="left" if column == "run" else "right")
    one_node = next(row for row in rows if row["name"] == "ray-1-nodes")
    for row in rows:
        at_once = row["parallel"] if row["executor"] == "in-process" else int(row["name"].split("-")[1])
        table.add_row(
            row["name"], str(at_once), str(row["nodes_used"] or "-"), f"{row['merged']}/{row['tasks']}", f"{row['seconds']:.1f}", f"{row['start']:.1f}",
            f"{row['tasks'] / row['seconds'] * 3600:.0f}", f"{row['tasks'] / row['span'] * 3600:.0f}", f"{one_node['span'] / row['span']:.2f}x",
        )
    console.print(table)
    alone = rows[0]
    console.print(
        f"Ray executor overhead, one intern at a time (ray-1-nodes vs in-process-1): {(one_node['span'] - alone['span']) / args.tasks:+.2f} s per task "
        f"(bundle out, clone, result bundle back and its checks, Ray scheduling, events relay), plus {one_node['start'] - alone['start']:+.1f} s once per run "
        "(joining Ray, the node's worker starting and importing interns)."
    )
    console.print(
        f"Limits: every node is a raylet on this one machine ({cores} cores); the interns' work is waiting (sleep), so the curve shows how the "
        "executor spreads interns over nodes, not compute: CPU-bound interns would stop scaling at the core count (in-process-N shows the same "
        "waiting spread over threads of one process). The head's merge and re-validation stay serial, and every run pays the start column once. "
        "Measured on a machine other processes share: times vary run to run."
    )
    if args.json:
        args.json.write_text(json.dumps({"cpu": cpu_model(), "cores": cores, "tasks": args.tasks, "work_s": args.work, "sandbox": args.sandbox, "rows": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
