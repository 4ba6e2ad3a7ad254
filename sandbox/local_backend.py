"""The `local` backend: commands run as plain processes in the task's worktree. NOT isolated.

Each command runs as `bash -c` in its own session/process group with resource limits:
- address space (memory_mb), CPU seconds (a backstop behind the wall-clock timeout), file size;
- the wall-clock timeout kills the whole group; when the command returns, whatever it left running in
  the background (same group, or escaped with setsid but still carrying the command's marker variable)
  is killed too, and `stop()` kills everything the sandbox ever started.

Limits are set by bash's `ulimit` (setrlimit in the child, just before the command is exec'd) rather
than a Python `preexec_fn`, which CPython documents as unsafe in a threaded program (the orchestrator
runs interns in threads). RLIMIT_NPROC is not used: it counts every process of the user on the machine
(not only the sandbox's) and root ignores it, so a fork bomb is not contained here (use docker).
The command can read and write anything the user can, and reach the network. It gets only an
allow-listed part of the user's environment (local_environment.py): no API keys or tokens.
"""

from __future__ import annotations

import math
import os
import re
import select
import subprocess
import threading
import time
import uuid
from pathlib import Path

from interns.errors import SandboxError
from interns.sandbox.local_environment import command_environment, setup_environment
from interns.sandbox.git_link import GitLinkGuard
from interns.sandbox.output import BoundedOutput
from interns.sandbox.owner import Owner
from interns.sandbox.process_tree import kill_marked
from interns.sandbox.protocol import ExecResult, SandboxLimits, SandboxRequest

SANDBOX_MARKER = "INTERNS_SANDBOX_ID"
EXEC_MARKER = "INTERNS_SANDBOX_EXEC"
RUN_MARKER = "INTERNS_SANDBOX_RUN"
OWNER_MARKER = "INTERNS_SANDBOX_OWNER"
TIMEOUT_EXIT_CODE = 124
_CPU_SECONDS_MARGIN = 5
# Without cgroups a memory kill is only visible in what the program printed when allocation failed.
_OUT_OF_MEMORY_SIGNS = re.compile(r"MemoryError|Cannot allocate memory|std::bad_alloc|[Oo]ut of memory")

# $0 = the user's command. ulimit -v/-f take KiB in bash; failures (a lower hard limit) are ignored.
_LIMITS_PREAMBLE = 'ulimit -v {as_kib} 2>/dev/null; ulimit -t {cpu_s} 2>/dev/null; ulimit -f {fsize_kib} 2>/dev/null; exec bash -c "$0"'


def _owner_tag(owner: Owner) -> str:
    return f"{owner.pid}:{owner.start_time}"


class LocalSandbox:
    """Processes in one worktree. Not thread-safe for concurrent exec on the same sandbox."""

    def __init__(self, request: SandboxRequest, output_head: int, output_tail: int) -> None:
        self.request = request
        self.worktree = Path(request.worktree)
        self._git_link = GitLinkGuard(self.worktree)  # checked after every command (nothing stops a write here)
        self.sandbox_id = uuid.uuid4().hex
        self._output_head = output_head
        self._output_tail = output_tail
        self._stopped = False
        owner = Owner.current()
        self._base_env = {
            **command_environment(os.environ),  # never the whole environment: it holds the user's secrets
            **dict(request.env),
            SANDBOX_MARKER: self.sandbox_id,
            RUN_MARKER: request.run_id,
            OWNER_MARKER: _owner_tag(owner),
        }

    @property
    def limits(self) -> SandboxLimits:
        return self.request.limits

    def _argv(self, command: str, timeout: float) -> list[str]:
        limits = self.limits
        preamble = _LIMITS_PREAMBLE.format(
            as_kib=limits.memory_mb * 1024,
            cpu_s=math.ceil(timeout) + _CPU_SECONDS_MARGIN,
            fsize_kib=limits.file_size_mb * 1024,
        )
        return ["bash", "-c", preamble, command]

    def exec(self, command: str, timeout: float | None = None, extra_environment: dict[str, str] | None = None) -> ExecResult:
        if self._stopped:
            raise SandboxError(f"sandbox for task {self.request.task_id} is already stopped")
        timeout = self.limits.command_timeout_s if timeout is None else timeout
        exec_marker_value = uuid.uuid4().hex
        env = {**self._base_env, **(extra_environment or {}), EXEC_MARKER: exec_marker_value}
        output = BoundedOutput(self._output_head, self._output_tail)
        started = time.monotonic()
        try:
            process = subprocess.Popen(
                self._argv(command, timeout),
                cwd=self.worktree,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # own session and process group, killed as a whole
            )
        except OSError as error:
            raise SandboxError(f"cannot run a command in {self.worktree}: {error}") from error
        assert process.stdout is not None
        reader = _PipeReader(process.stdout.fileno(), output)
        reader.start()
        timed_out = False
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
        finally:
            # The command returned (or timed out): nothing it started may outlive it.
            kill_marked(f"{EXEC_MARKER}={exec_marker_value}", pgid=process.pid)
            process.wait()
            reader.finish()
            process.stdout.close()
        seconds = time.monotonic() - started
        self._git_link.verify()  # TamperedError: the command replaced the worktree's .git
        text = output.text()
        if timed_out:
            text += f"\n[interns: command killed after its {timeout:g} s timeout]"
            return ExecResult(TIMEOUT_EXIT_CODE, text, seconds, timed_out=True)
        exit_code = process.returncode if process.returncode >= 0 else 128 - process.returncode
        out_of_memory = exit_code != 0 and bool(_OUT_OF_MEMORY_SIGNS.search(text[-4096:]))
        return ExecResult(exit_code, text, seconds, out_of_memory=out_of_memory)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        kill_marked(f"{SANDBOX_MARKER}={self.sandbox_id}")


class _PipeReader(threading.Thread):
    """Drains a pipe into a BoundedOutput; can be told to give up when a stray holder keeps it open."""

    def __init__(self, fd: int, sink: BoundedOutput) -> None:
        super().__init__(daemon=True)
        self._fd = fd
        self._sink = sink
        self._give_up = threading.Event()

    def run(self) -> None:
        while True:
            ready, _, _ = select.select([self._fd], [], [], 0.1)
            if not ready:
                if self._give_up.is_set():
                    return
                continue
            chunk = os.read(self._fd, 65536)
            if not chunk:
                return
            self._sink.write(chunk)

    def finish(self, grace_s: float = 2.0) -> None:
        self.join(grace_s)
        self._give_up.set()
        self.join()


class LocalBackend:
    """Runs commands on the host. `notice` is the not-isolated warning shown at every run."""

    name = "local"
    isolated = False

    def __init__(
        self,
        notice: str | None = None,
        output_head_bytes: int = 64 * 1024,
        output_tail_bytes: int = 64 * 1024,
    ) -> None:
        self.notice = notice
        self._output_head = output_head_bytes
        self._output_tail = output_tail_bytes

    def start(self, request: SandboxRequest) -> LocalSandbox:
        if not Path(request.worktree).is_dir():
            raise SandboxError(f"worktree {request.worktree} is not a directory")
        sandbox = LocalSandbox(request, self._output_head, self._output_tail)
        passthrough = setup_environment(os.environ)  # the package index's proxy/CA, for set-up only
        for command in request.setup:
            result = sandbox.exec(command, extra_environment=passthrough)
            if not result.ok:
                sandbox.stop()
                raise SandboxError(
                    f"set-up command {command!r} failed for task {request.task_id} "
                    f"(exit {result.exit_code}):\n{result.output[-4000:]}"
                )
        return sandbox

    def prune(self, run_id: str | None = None) -> int:
        """Kill processes left by sandboxes (of `run_id`, or of any run) whose owner process is dead."""
        host = Owner.current().host
        dead_sandboxes: set[str] = set()
        for pid in _all_pids():
            environ = _environ(pid)
            sandbox_id = environ.get(SANDBOX_MARKER)
            if not sandbox_id or sandbox_id in dead_sandboxes:
                continue
            if run_id is not None and environ.get(RUN_MARKER) != run_id:
                continue
            owner_pid, _, start_time = environ.get(OWNER_MARKER, "").partition(":")
            if owner_pid.isdigit() and not Owner(host, "", int(owner_pid), start_time).is_alive():
                dead_sandboxes.add(sandbox_id)
        return sum(kill_marked(f"{SANDBOX_MARKER}={sandbox_id}") for sandbox_id in dead_sandboxes)

    def close(self) -> None:
        """Nothing is pooled locally."""


def _environ(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return {}
    pairs = (item.decode(errors="replace").partition("=") for item in raw.split(b"\0") if item)
    return {name: value for name, _, value in pairs}


def _all_pids() -> list[int]:
    own = os.getpid()
    return [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit() and int(entry.name) != own]


__all__ = ["LocalBackend", "LocalSandbox"]
