"""A long-lived pytest process for validating the task set quickly.

Starting Python and importing pytest costs far more than the task repos' tests themselves, and
validation runs a few hundred acceptance commands. This worker imports pytest once and runs
`python -m pytest ARGS` requests in-process, one JSON line in, one JSON line out:

    {"cwd": "/tmp/x", "args": ["-q", "tests/test_a.py"]}  ->  {"exit_code": 1, "output": "..."}

Each request runs as `python -m pytest` would (cwd first on sys.path), and every module the run
imported is dropped afterwards, so the next repo's `inventory` is not the previous one's.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import os
import shlex
import subprocess
import sys
import threading
from pathlib import Path

from interns.evaluation.commands import CommandResult, tail, task_env

# no cache folder in the repo; no unraisable-exception plugin, whose 5 gc.collect() calls per run
# cost more than the task's tests
FAST_FLAGS = ("-p", "no:cacheprovider", "-p", "no:unraisableexception", "-p", "no:doctest", "-p", "no:junitxml", "-p", "no:pastebin", "-p", "no:stepwise")
PYTEST_PREFIXES = (["python", "-m", "pytest"], ["python3", "-m", "pytest"], ["pytest"])


def pytest_args(command: str) -> list[str] | None:
    """The arguments of a plain `python -m pytest ...` command, or None for anything else."""
    try:
        argv = shlex.split(command)
    except ValueError:
        return None
    if any(token in command for token in ("&&", "||", ";", "|", ">", "<", "$", "`")):
        return None
    for prefix in PYTEST_PREFIXES:
        if argv[: len(prefix)] == prefix:
            return argv[len(prefix) :]
    return None


def _serve() -> None:
    sys.dont_write_bytecode = True
    import pytest

    baseline = set(sys.modules)
    real_stdout = sys.stdout
    for line in sys.stdin:
        request = json.loads(line)
        cwd = request["cwd"]
        buffer = io.StringIO()
        os.chdir(cwd)
        sys.path.insert(0, cwd)
        importlib.invalidate_caches()
        try:
            with contextlib.redirect_stdout(buffer), contextlib.redirect_stderr(buffer):
                code = int(pytest.main([*request["args"], *FAST_FLAGS]))
        except BaseException as error:  # a broken repo must not kill the worker
            code, buffer = 99, io.StringIO(f"worker error: {error!r}")
        finally:
            sys.path.remove(cwd)
            for name in set(sys.modules) - baseline:
                del sys.modules[name]
        real_stdout.write(json.dumps({"exit_code": code, "output": tail(buffer.getvalue())}) + "\n")
        real_stdout.flush()


class PytestWorker:
    """Client side: runs acceptance/hidden commands, in the worker when they are plain pytest."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "interns.evaluation.pytest_worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=task_env(),
        )
        self._lock = threading.Lock()

    def run(self, command: str, cwd: Path, timeout: float = 120) -> CommandResult:
        args = pytest_args(command)
        if args is None:  # not plain pytest: run it for real
            from interns.evaluation.commands import run_command

            return run_command(command, cwd, timeout)
        with self._lock:
            assert self._process.stdin and self._process.stdout
            self._process.stdin.write(json.dumps({"cwd": str(cwd), "args": args}) + "\n")
            self._process.stdin.flush()
            answer = self._process.stdout.readline()
        if not answer:
            raise RuntimeError("the pytest worker died")
        data = json.loads(answer)
        return CommandResult(data["exit_code"], data["output"], 0.0)

    def close(self) -> None:
        if self._process.stdin:
            self._process.stdin.close()
        self._process.wait(timeout=30)

    def __enter__(self) -> PytestWorker:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


if __name__ == "__main__":
    _serve()
