"""Running shell commands for the harness: own process group, killed on timeout, output captured."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

OUTPUT_KEEP = 6000  # characters kept from the end of a command's output


@dataclass(frozen=True)
class CommandResult:
    exit_code: int
    output: str
    seconds: float
    timed_out: bool = False

    @property
    def ok(self) -> bool:
        return self.exit_code == 0 and not self.timed_out


def task_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment task commands run with.

    `python` must be the interpreter that has pytest (this one), so its folder goes first on PATH.
    Third-party pytest plugins installed next to interns (textual snapshots, langsmith ...) cost
    seconds per run and mean nothing to the task repos, so they are not auto-loaded.
    """
    env = dict(os.environ)
    bin_dir = str(Path(sys.executable).parent)
    env["PATH"] = bin_dir + os.pathsep + env.get("PATH", "")
    env["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTHONPATH", None)  # the task repo, not the caller's path, decides what imports
    if extra:
        env.update(extra)
    return env


def tail(text: str, keep: int = OUTPUT_KEEP) -> str:
    return text if len(text) <= keep else "...\n" + text[-keep:]


def run_command(
    command: str | Sequence[str],
    cwd: Path,
    timeout: float,
    env: Mapping[str, str] | None = None,
    log_file: Path | None = None,
) -> CommandResult:
    """Run a shell string (or an argv list); never raises for the command's own failure."""
    started = time.monotonic()
    shell = isinstance(command, str)
    out = open(log_file, "w", encoding="utf-8", errors="replace") if log_file else subprocess.PIPE  # noqa: SIM115
    try:
        process = subprocess.Popen(
            command,
            shell=shell,
            cwd=cwd,
            env=dict(env) if env is not None else task_env(),
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            errors="replace",
            start_new_session=True,  # own process group: a timeout kills the whole tree
        )
        timed_out = False
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_group(process)
            output, _ = process.communicate()
        except BaseException:
            _kill_group(process)
            process.wait()
            raise
    finally:
        if log_file:
            out.close()  # type: ignore[union-attr]
    if log_file:
        output = log_file.read_text(encoding="utf-8", errors="replace")
    code = 124 if timed_out else process.returncode
    return CommandResult(code, tail(output or ""), time.monotonic() - started, timed_out)


def _kill_group(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
