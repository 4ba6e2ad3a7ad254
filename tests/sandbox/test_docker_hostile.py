"""Hostile commands in the docker sandbox: each is contained and reported as a failed ExecResult,
while this test process (the orchestrator's stand-in) and the host carry on."""

from __future__ import annotations

import dataclasses
import ipaddress
import re
import socket
import subprocess
import threading
import time
import uuid
from pathlib import Path

import pytest

pytestmark = pytest.mark.docker


@pytest.fixture
def loopback_server():
    """A TCP server on the host's loopback that counts the connections it gets."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    accepted: list[object] = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            accepted.append(connection)
            connection.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join()
    server.close()


def _bridge_gateway(client) -> str:
    """The host's address on docker's default bridge (what a container on that bridge would reach)."""
    config = client.networks.get("bridge").attrs["IPAM"]["Config"][0]
    return config.get("Gateway") or str(next(ipaddress.ip_network(config["Subnet"]).hosts()))


def _connect_script(host: str, port: int) -> str:
    return (
        "python3 -c 'import socket, sys\n"
        f"socket.create_connection((\"{host}\", {port}), timeout=3)\n"
        "print(\"CONNECTED\")'"
    )


def test_network_egress_is_impossible(docker_backend, docker_client, worktree, start_sandbox, loopback_server):
    port, accepted = loopback_server
    gateway = _bridge_gateway(docker_client)
    # The host itself reaches its loopback server: the service is really there.
    socket.create_connection(("127.0.0.1", port), timeout=3).close()
    deadline = time.monotonic() + 10
    while not accepted and time.monotonic() < deadline:  # the server thread counts it
        time.sleep(0.02)
    assert len(accepted) == 1
    sandbox = start_sandbox(docker_backend, worktree)

    interfaces = sandbox.exec("cat /proc/net/dev")
    assert interfaces.ok
    assert [line.split(":")[0].strip() for line in interfaces.output.splitlines()[2:]] == ["lo"]

    own_loopback = sandbox.exec(_connect_script("127.0.0.1", port))
    assert not own_loopback.ok
    assert "Connection refused" in own_loopback.output  # the container's own loopback, not the host's

    for target, target_port in ((gateway, port), ("1.1.1.1", 53)):
        result = sandbox.exec(_connect_script(target, target_port))
        assert not result.ok, target
        assert "CONNECTED" not in result.output
        assert "Network is unreachable" in result.output, result.output  # no route: no packet left
    time.sleep(0.3)  # a connection that got through would have been counted by now
    assert len(accepted) == 1


def test_host_files_outside_the_workspace_are_invisible(docker_backend, tmp_path, worktree, start_sandbox):
    token = uuid.uuid4().hex
    secret = tmp_path / "host-secret.txt"
    secret.write_text(token)
    host_shadow = Path("/etc/shadow").read_text() if Path("/etc/shadow").exists() else ""
    sandbox = start_sandbox(docker_backend, worktree)

    result = sandbox.exec(f"cat {secret}; cat /etc/shadow; ls -a /root; cat /workspace/../{secret.name}")
    assert not result.ok
    assert token not in result.output
    assert "Permission denied" in result.output  # the image's /etc/shadow, and not readable anyway
    for line in host_shadow.splitlines():
        fields = line.split(":")
        if len(fields) > 1 and len(fields[1]) > 3:  # a real password hash of the host
            assert fields[1] not in result.output
    listing = sandbox.exec("ls /workspace")
    assert listing.output.split() == ["README.md"]


def test_writing_outside_the_workspace_fails(docker_backend, worktree, start_sandbox):
    sandbox = start_sandbox(docker_backend, worktree)
    for path in ("/etc/evil", "/usr/bin/evil", "/evil", "/workspace/../evil2"):
        result = sandbox.exec(f"echo pwned > {path}")
        assert not result.ok, path
        assert "Read-only file system" in result.output
    assert sandbox.exec("echo fine > /tmp/scratch && echo fine > $HOME/scratch && echo ok > inside.txt").ok
    assert (worktree / "inside.txt").read_text() == "ok\n"
    assert not Path("/evil2").exists() and not (worktree.parent / "evil2").exists()


def test_fork_bomb_hits_the_pids_limit_and_the_host_carries_on(docker_backend, worktree, start_sandbox, fast_limits):
    limits = dataclasses.replace(fast_limits, pids=48)  # a small limit: the bomb fills it quickly
    sandbox = start_sandbox(docker_backend, worktree, limits=limits)
    python_bomb = sandbox.exec("python3 -c 'import os\nwhile True: os.fork()'", timeout=30)
    assert not python_bomb.ok
    assert "Resource temporarily unavailable" in python_bomb.output

    # A bash bomb keeps the pids limit full until the timeout kills it all.
    shell_bomb = sandbox.exec(":(){ :|:& };:; sleep 600", timeout=3)
    assert shell_bomb.timed_out and not shell_bomb.ok

    subprocess.run(["true"], check=True)  # the host can still fork
    after = sandbox.exec("ls -d /proc/[0-9]* | wc -l")
    assert after.ok
    # docker-init, sleep (the keeper), the wrapper, bash, ls, wc: nothing of the bombs is left.
    assert int(after.output.strip()) <= 8
    pids_max = sandbox.exec("cat /sys/fs/cgroup/pids.max 2>/dev/null || cat /sys/fs/cgroup/pids/pids.max")
    assert pids_max.output.strip() == str(limits.pids)


def test_memory_bomb_is_reported_as_out_of_memory(docker_backend, worktree, start_sandbox):
    sandbox = start_sandbox(docker_backend, worktree)
    result = sandbox.exec("python3 -c 'chunks = []\nwhile True: chunks.append(b\"x\" * 10**7)'", timeout=60)
    assert result.out_of_memory
    assert not result.ok and not result.timed_out
    assert result.exit_code == 137
    assert "out of memory" in result.output
    assert sandbox.exec("echo still here").output == "still here\n"
    assert not sandbox.exec("true").out_of_memory  # the OOM is counted once, not on every later command


def test_infinite_loop_is_killed_at_the_timeout(docker_backend, worktree, start_sandbox):
    sandbox = start_sandbox(docker_backend, worktree)
    result = sandbox.exec("echo looping; while :; do :; done", timeout=2)
    assert result.timed_out and not result.ok
    assert result.exit_code == 124
    assert result.output.startswith("looping\n")
    assert "timeout" in result.output
    assert sandbox.exec("echo next").ok


def test_background_processes_do_not_survive_their_command(docker_backend, worktree, start_sandbox):
    sandbox = start_sandbox(docker_backend, worktree)
    result = sandbox.exec(
        "sleep 7301 & setsid sleep 7302 & nohup sleep 7303 >/dev/null 2>&1 & (sleep 7304 &); echo started"
    )
    assert result.ok and result.output == "started\n"
    listing = sandbox.exec("cat /proc/[0-9]*/cmdline | tr '\\0' ' '")
    assert "sleep 730" not in listing.output
    top = sandbox.container.top()  # the engine's view from the host
    assert not [row for row in top["Processes"] if "sleep 730" in " ".join(row)]


def test_root_owned_worktree_runs_as_an_unprivileged_uid_without_any_capability(docker_backend, tmp_path, new_worktree, start_sandbox):
    if __import__("os").geteuid() != 0:
        pytest.skip("only a root host user has a root-owned worktree")
    worktree = new_worktree(tmp_path / "root-owned", owner=None)
    sandbox = start_sandbox(docker_backend, worktree)
    status = sandbox.exec("id -u; grep -E '^Cap(Eff|Prm|Bnd):' /proc/self/status; grep NoNewPrivs /proc/self/status")
    assert status.output.splitlines()[0] not in ("0", "65534")  # never root, never the keeper's uid
    assert "CapEff:\t0000000000000000" in status.output
    assert "CapBnd:\t0000000000000000" in status.output
    assert "NoNewPrivs:\t1" in status.output
    # Without CAP_DAC_OVERRIDE/CHOWN, the command is bound by file permissions like anyone else.
    denied = sandbox.exec("echo x > /tmp/mine && chmod 000 /tmp/mine && cat /tmp/mine; chown 0:0 /workspace/README.md")
    assert not denied.ok
    assert "Operation not permitted" in denied.output


def test_a_forged_success_trailer_does_not_pass(docker_backend, worktree, start_sandbox):
    # The nonce is readable in the wrapper's argv; a command writing a fake "exit 0" trailer on every
    # pipe the wrapper holds (its stderr among them), then failing or killing the wrapper, must still
    # be reported as failed.
    forge = (
        "nonce=$(python3 -c \"print(open('/proc/$PPID/cmdline', 'rb').read().split(b'\\0')[4].decode())\"); "
        "for fd in /proc/$PPID/fd/*; do printf '%s 0 0\\n' \"$nonce\" > $fd; done 2>/dev/null; "
    )
    sandbox = start_sandbox(docker_backend, worktree)
    found = sandbox.exec(forge + "echo nonce=$nonce").output
    assert re.search(r"^nonce=[0-9a-f]{32}$", found, re.MULTILINE), found  # the forger does find it
    assert not sandbox.exec(forge + "exit 1").ok
    killed_wrapper = sandbox.exec(forge + "kill -9 $PPID")
    assert not killed_wrapper.ok
    assert sandbox.exec("echo fine").ok
