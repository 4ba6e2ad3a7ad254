"""Sandbox latency: container start (cold, warm pool, background) and exec round trips, each as a
ratio against a plain `subprocess` run of the same command measured in the same run.

    python bench/bench_sandbox.py [--repeat 15] [--json]

Needs a Docker engine and the sandbox image (`interns sandbox build`); without an engine only the
local backend is measured.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import uuid
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from rich.table import Table

from interns.errors import SandboxError
from interns.sandbox.local_backend import LocalBackend
from interns.sandbox.protocol import SandboxRequest

# The image's python3 is Debian's /usr/bin/python3; on the host, `python3` may be a slow shim (pyenv),
# so the host runs the same Debian interpreter by its path when it has one.
HOST_PYTHON = "/usr/bin/python3" if Path("/usr/bin/python3").exists() else "python3"
COMMANDS = {"true": "true", "python -c pass": "python3 -c pass"}
HOST_COMMANDS = {"true": "true", "python -c pass": f"{HOST_PYTHON} -c pass"}


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    """The median of `repeat` calls, in seconds (timed by timeit: without garbage collection)."""
    return statistics.median(timeit.repeat(action, number=1, repeat=repeat))


def plain_subprocess(command: str, cwd: Path) -> Callable[[], object]:
    return lambda: subprocess.run(["bash", "-c", command], cwd=cwd, check=True, capture_output=True)


def measure(repeat: int) -> dict:
    results: dict = {"repeat": repeat, "exec": {}, "start": {}}
    workdir = Path(tempfile.mkdtemp(prefix="bench-sandbox-"))
    run_id = f"bench-{uuid.uuid4().hex[:6]}"
    run_dir = workdir / run_id
    run_dir.mkdir()

    baselines = {name: median_seconds(plain_subprocess(command, workdir), repeat) for name, command in HOST_COMMANDS.items()}
    for name, seconds in baselines.items():
        results["exec"][name] = {"subprocess": seconds}

    local = LocalBackend().start(SandboxRequest(worktree=workdir, run_id=run_id, task_id="local"))
    for name, command in HOST_COMMANDS.items():
        results["exec"][name]["local"] = median_seconds(lambda command=command: local.exec(command), repeat)
    local.stop()

    try:
        from interns.sandbox.docker_backend import DockerBackend

        cold = DockerBackend(pool_size=0, background_start=False)
    except SandboxError as error:
        results["docker_error"] = str(error)
        return results
    cold.ensure_image()
    worktree = run_dir / "task"
    worktree.mkdir()
    request = SandboxRequest(worktree=worktree, run_id=run_id, task_id="task")
    sandbox = cold.start(request)
    for name, command in COMMANDS.items():
        results["exec"][name]["docker"] = median_seconds(lambda command=command: sandbox.exec(command), repeat)
    sandbox.stop()

    start_repeat = max(3, repeat // 3)
    stops: list[float] = []

    def cold_start() -> None:
        started = cold.start(request)
        stop_began = time.perf_counter()
        started.stop()
        stops.append(time.perf_counter() - stop_began)

    results["start"]["cold start+stop"] = median_seconds(cold_start, start_repeat)
    results["start"]["stop (remove)"] = statistics.median(stops)
    results["start"]["cold start"] = results["start"]["cold start+stop"] - results["start"]["stop (remove)"]
    results["start"]["cold start + first exec"] = median_seconds(lambda: _start_exec_stop(cold, request), start_repeat) - results["start"]["stop (remove)"]
    cold.close()

    pooled = DockerBackend(pool_size=1, background_start=False)
    pooled.warm(request)

    def warm_start() -> None:
        pooled.pool.wait_idle()  # the pool refilled while the previous task "worked"
        started = time.perf_counter()
        claimed = pooled.start(request)
        claimed.exec("true")
        samples.append(time.perf_counter() - started)
        claimed.stop()

    samples: list[float] = []
    for _ in range(start_repeat):
        warm_start()
    results["start"]["warm pool start + first exec"] = statistics.median(samples)
    pooled.close()

    background = DockerBackend(pool_size=0, background_start=True)
    returns: list[float] = []
    firsts: list[float] = []
    for _ in range(start_repeat):
        started = time.perf_counter()
        sandbox = background.start(request)
        returns.append(time.perf_counter() - started)
        time.sleep(1.0)  # stands for the intern's first model call
        first = time.perf_counter()
        sandbox.exec("true")
        firsts.append(time.perf_counter() - first)
        sandbox.stop()
    results["start"]["background start (returns)"] = statistics.median(returns)
    results["start"]["background: first exec after 1 s"] = statistics.median(firsts)
    background.close()
    return results


def _start_exec_stop(backend, request: SandboxRequest) -> None:
    sandbox = backend.start(request)
    sandbox.exec("true")
    sandbox.stop()


def render(results: dict) -> None:
    console = Console()
    table = Table(title=f"exec round trip (median of {results['repeat']})")
    for column in ("command", "subprocess", "local", "docker", "local ÷ subprocess", "docker ÷ subprocess"):
        table.add_column(column, justify="right")
    for name, row in results["exec"].items():
        base = row["subprocess"]
        table.add_row(
            name,
            f"{base * 1000:.1f} ms",
            f"{row['local'] * 1000:.1f} ms",
            f"{row['docker'] * 1000:.1f} ms" if "docker" in row else "-",
            f"{row['local'] / base:.2f}×",
            f"{row['docker'] / base:.2f}×" if "docker" in row else "-",
        )
    console.print(table)
    if results.get("docker_error"):
        console.print(f"[yellow]docker not measured: {results['docker_error']}")
        return
    base = results["exec"]["true"]["subprocess"]
    starts = Table(title="container start (ratio against `subprocess` of `true`)")
    for column in ("what", "seconds", "÷ subprocess true"):
        starts.add_column(column, justify="right")
    for name, seconds in results["start"].items():
        starts.add_row(name, f"{seconds * 1000:.0f} ms", f"{seconds / base:.0f}×")
    console.print(starts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    options = parser.parse_args()
    results = measure(options.repeat)
    if options.json:
        json.dump(results, sys.stdout, indent=2)
        print()
    else:
        render(results)


if __name__ == "__main__":
    main()
