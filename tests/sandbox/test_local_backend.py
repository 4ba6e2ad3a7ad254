"""The local backend: real processes in the worktree, limits, timeouts, leftovers killed."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
import time
import uuid

import pytest

from interns.errors import SandboxError
from interns.sandbox.local_backend import LocalBackend
from interns.sandbox.protocol import SandboxLimits, SandboxRequest


@pytest.fixture
def backend() -> LocalBackend:
    return LocalBackend()


def _wait_gone(find, pattern: str, seconds: float = 5.0) -> list[int]:
    deadline = time.monotonic() + seconds
    while (left := find(pattern)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return left


def test_runs_in_the_worktree_with_interleaved_output_and_exit_code(backend, worktree, start_sandbox):
    sandbox = start_sandbox(backend, worktree)
    result = sandbox.exec("pwd; echo out; echo err >&2; echo out2; exit 3")
    assert result.exit_code == 3 and not result.ok
    assert result.output == f"{worktree}\nout\nerr\nout2\n"
    assert backend.isolated is False


def test_infinite_loop_is_killed_at_the_timeout(backend, worktree, start_sandbox, find_host_processes):
    sandbox = start_sandbox(backend, worktree)
    result = sandbox.exec("sleep 7401 & while :; do :; done", timeout=1)
    assert result.timed_out and result.exit_code == 124 and not result.ok
    assert "timeout" in result.output
    assert _wait_gone(find_host_processes, "sleep 7401") == []


def test_background_processes_do_not_survive_their_command(backend, worktree, start_sandbox, find_host_processes):
    sandbox = start_sandbox(backend, worktree)
    result = sandbox.exec("sleep 7402 & setsid sleep 7403 & nohup sleep 7404 >/dev/null 2>&1 & echo started")
    assert result.ok and result.output == "started\n"
    for pattern in ("sleep 7402", "sleep 7403", "sleep 7404"):
        assert _wait_gone(find_host_processes, pattern) == [], pattern


def test_memory_limit_makes_a_memory_bomb_fail(backend, worktree, start_sandbox):
    limits = SandboxLimits(memory_mb=256, command_timeout_s=60)
    sandbox = start_sandbox(backend, worktree, limits=limits)
    result = sandbox.exec("python3 -c 'chunks = []\nwhile True: chunks.append(b\"x\" * 10**7)'")
    assert not result.ok and not result.timed_out
    assert result.out_of_memory
    assert "MemoryError" in result.output
    assert sandbox.exec("echo fine").ok


def test_file_size_limit(backend, worktree, start_sandbox):
    sandbox = start_sandbox(backend, worktree, limits=SandboxLimits(file_size_mb=1))
    result = sandbox.exec("head -c 3000000 /dev/zero > big.bin")
    assert not result.ok
    assert (worktree / "big.bin").stat().st_size <= 1024 * 1024


def test_setup_runs_first_and_a_failing_setup_is_an_infrastructure_error(backend, worktree, start_sandbox):
    sandbox = start_sandbox(backend, worktree, setup=("echo prepared > setup.txt",))
    assert sandbox.exec("cat setup.txt").output == "prepared\n"
    with pytest.raises(SandboxError, match="set-up command"):
        backend.start(SandboxRequest(worktree=worktree, run_id="r", task_id="t", setup=("exit 4",)))


def test_stop_kills_everything_and_is_idempotent(backend, worktree, find_host_processes):
    sandbox = backend.start(SandboxRequest(worktree=worktree, run_id="r", task_id="t"))
    sandbox.stop()
    sandbox.stop()
    with pytest.raises(SandboxError):
        sandbox.exec("true")


def test_prune_kills_processes_left_by_a_dead_owner(backend, worktree, find_host_processes):
    run_id = f"test-{uuid.uuid4().hex[:8]}"
    child_code = textwrap.dedent(
        f"""
        from pathlib import Path
        from interns.sandbox.local_backend import LocalBackend
        from interns.sandbox.protocol import SandboxRequest
        sandbox = LocalBackend().start(SandboxRequest(worktree=Path({str(worktree)!r}), run_id={run_id!r}, task_id="t"))
        print("started", flush=True)
        sandbox.exec("sleep " + "7405")  # spelt apart: this process's own command line must not match
        """
    )
    child = subprocess.Popen([sys.executable, "-c", child_code], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "started"
    deadline = time.monotonic() + 10
    while not find_host_processes("sleep 7405") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert find_host_processes("sleep 7405")
    assert backend.prune(run_id) == 0  # its owner is alive: left alone
    child.send_signal(signal.SIGKILL)
    child.wait()
    assert find_host_processes("sleep 7405")  # orphaned, still running
    assert backend.prune(run_id) >= 1
    assert _wait_gone(find_host_processes, "sleep 7405") == []


def test_a_missing_worktree_is_an_infrastructure_error(backend, tmp_path):
    with pytest.raises(SandboxError, match="not a directory"):
        backend.start(SandboxRequest(worktree=tmp_path / "missing", run_id="r", task_id="t"))
