"""Test helpers: real git repositories, cassettes, and the real `interns` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any, Callable

GIT_ENV = {"GIT_AUTHOR_NAME": "Ada", "GIT_AUTHOR_EMAIL": "ada@example.com", "GIT_COMMITTER_NAME": "Ada", "GIT_COMMITTER_EMAIL": "ada@example.com"}


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env={**os.environ, **GIT_ENV}).stdout.strip()


def make_repo(root: Path, files: dict[str, str], branch: str = "main") -> Path:
    """A real git repository with `files` committed on `branch`."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", branch)
    for path, text in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(text).lstrip("\n") if text.startswith("\n") else text)
    git(root, "add", "-A")
    git(root, "commit", "-qm", "initial")
    return root


def write_cassette(path: Path, entries: list[dict[str, Any]]) -> Path:
    """A hand-written cassette: each entry answers the first prompt containing all its `match` strings."""
    with path.open("w") as handle:
        for entry in entries:
            handle.write(json.dumps({"usage": {"prompt_tokens": 50, "completion_tokens": 20}, **entry}) + "\n")
    return path


def whole_file(path: str, content: str) -> str:
    """A model answer in the whole-file edit format."""
    return f"{path}\n```python\n{textwrap.dedent(content).lstrip()}```\n"


def run_interns(*args: str, cwd: Path, timeout: float = 240, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command, as a person runs it."""
    return subprocess.run([sys.executable, "-m", "interns", *args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env={**os.environ, "COLUMNS": "200", **(env or {})})


def read_report(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text())


def merged_tasks(repo: Path, branch: str) -> list[str]:
    """The task of every merge commit on `branch`, sorted (a task merged twice is listed twice)."""
    messages = git(repo, "log", "--merges", "--format=%B%x00", branch).split("\0")
    return sorted(line.split(": ", 1)[1] for message in messages for line in message.splitlines() if line.startswith("Interns-Merge: "))


def events_of(repo: Path, run_id: str) -> list[dict[str, Any]]:
    log = repo / ".interns" / "state" / "runs" / f"{run_id}.events.jsonl"
    return [json.loads(line) for line in log.read_text().splitlines() if line.strip()]


CALC_FILES = {
    "calc/__init__.py": "",
    "calc/base.py": "def identity(x):\n    return x\n",
    "setup.py": "# not to be touched by interns\n",
    ".interns/specs/calc.md": """
        ---
        id: calc
        title: Calculator functions
        accept: ["sleep 0.5"]
        tasks:
          - id: add
            title: Add function
            files: [calc/add.py]
            accept: ["sleep 0.5", "python -c 'from calc.add import add; assert add(2, 3) == 5'"]
          - id: mul
            title: Multiply function
            files: [calc/mul.py]
            accept: ["sleep 0.5", "python -c 'from calc.mul import mul; assert mul(2, 3) == 6'"]
          - id: power
            title: Power function
            files: [calc/power.py]
            depends_on: [add, mul]
            accept: ["python -c 'from calc.power import power; assert power(2, 3) == 8'"]
        ---
        Small calculator helpers, one module per function.
        """,
}

CALC_ANSWERS = [
    {"match": ["# Task: Add function"], "response": whole_file("calc/add.py", "def add(a, b):\n    return a + b\n")},
    {"match": ["# Task: Multiply function"], "response": whole_file("calc/mul.py", "def mul(a, b):\n    return a * b\n")},
    {"match": ["# Task: Power function"], "response": whole_file("calc/power.py", "from calc.mul import mul\n\n\ndef power(base, exponent):\n    result = 1\n    for _ in range(exponent):\n        result = mul(result, base)\n    return result\n")},
]


class CliResult:
    def __init__(self, returncode: int, stdout: str, stderr: str) -> None:
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr


def run_interns_in_process(*args: str, cwd: Path, timeout: float = 240, env: dict[str, str] | None = None) -> CliResult:
    """The real command line, called in this process (saves the interpreter start per call)."""
    import contextlib
    import io

    from interns.cli import run_cli
    from interns.local_model.serving.supervisor import stop_started_servers

    out, err = io.StringIO(), io.StringIO()
    previous = Path.cwd()
    saved_env = {key: os.environ.get(key) for key in (env or {})}
    os.environ.update(env or {})
    os.chdir(cwd)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = run_cli(list(args))
    finally:
        stop_started_servers()  # what the command's process exit would do: later tests must not find them
        os.chdir(previous)
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return CliResult(code, out.getvalue(), err.getvalue())
