"""The docker backend's life cycle on the real engine: set-up network, file ownership, labels and
removal, pruning a dead run's containers, the warm pool, background start, engine errors."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import docker.errors
import pytest

from interns.errors import SandboxError
from interns.sandbox.docker_backend import DockerBackend
from interns.sandbox.protocol import SandboxRequest

pytestmark = pytest.mark.docker


def _exists(client, container_id: str) -> bool:
    try:
        client.containers.get(container_id)
        return True
    except docker.errors.NotFound:
        return False


def _interfaces(proc_net_dev: str) -> list[str]:
    return [line.split(":")[0].strip() for line in proc_net_dev.splitlines()[2:]]


def test_setup_runs_with_network_then_the_container_is_offline(docker_backend, worktree, start_sandbox):
    # Checks the network configuration only (interfaces, default route): no packet is sent anywhere.
    sandbox = start_sandbox(
        docker_backend,
        worktree,
        setup=("cat /proc/net/dev > /tmp/setup-dev; cat /proc/net/route > /tmp/setup-route",),
    )
    during = sandbox.exec("cat /tmp/setup-dev")
    assert "eth0" in _interfaces(during.output)
    route = sandbox.exec("cat /tmp/setup-route").output
    assert any(line.split()[1] == "00000000" for line in route.splitlines()[1:])  # a default route existed

    assert _interfaces(sandbox.exec("cat /proc/net/dev").output) == ["lo"]
    assert len(sandbox.exec("cat /proc/net/route").output.splitlines()) <= 1  # header only: no route
    sandbox.container.reload()
    assert set(sandbox.container.attrs["NetworkSettings"]["Networks"]) <= {"none"}


@pytest.mark.slow
def test_setup_installs_the_project_for_the_intern_despite_the_read_only_root(docker_backend, worktree, start_sandbox):
    # `pip install -e .` lands in the tmpfs HOME (user site): the system's packages stay read-only.
    (worktree / "pyproject.toml").write_text(
        '[project]\nname = "demo_pkg"\nversion = "0.1"\n'
        '[build-system]\nrequires = ["setuptools>=61"]\nbuild-backend = "setuptools.build_meta"\n'
    )
    (worktree / "demo_pkg.py").write_text("ANSWER = 42\n")
    sandbox = start_sandbox(docker_backend, worktree, setup=("pip install --no-build-isolation --no-deps -q -e .",))
    result = sandbox.exec("cd /tmp && python -c 'import demo_pkg; print(demo_pkg.ANSWER, demo_pkg.__file__)'")
    assert result.output == "42 /workspace/demo_pkg.py\n", result.output


def test_without_setup_there_is_no_network_at_all(docker_backend, worktree, start_sandbox):
    sandbox = start_sandbox(docker_backend, worktree)
    assert sandbox.container.attrs["HostConfig"]["NetworkMode"] == "none"


def test_failing_setup_is_an_infrastructure_error_and_leaves_no_container(docker_backend, docker_client, worktree):
    run_id = f"test-{uuid.uuid4().hex[:8]}"
    with pytest.raises(SandboxError, match="set-up command"):
        docker_backend.start(SandboxRequest(worktree=worktree, run_id=run_id, task_id="t", setup=("echo broken; exit 7",)))
    assert docker_client.containers.list(all=True, filters={"label": f"interns.run={run_id}"}) == []


def test_files_created_in_the_worktree_belong_to_the_worktree_owner(docker_backend, worktree, start_sandbox):
    sandbox = start_sandbox(docker_backend, worktree)
    assert sandbox.exec("mkdir -p build/out && echo data > build/out/file.txt && python3 -c 'open(\"made_by_python\", \"w\")'").ok
    expected = (worktree.stat().st_uid, worktree.stat().st_gid)
    for path in (worktree / "build", worktree / "build/out/file.txt", worktree / "made_by_python"):
        assert (path.stat().st_uid, path.stat().st_gid) == expected
    identity = sandbox.exec("id -u; id -g").output.split()
    assert [int(value) for value in identity] == list(expected)
    assert expected != (0, 0) or os.geteuid() != 0  # as root, the fixture's worktree is not root's


def test_container_is_labelled_hardened_and_removed_at_stop(docker_backend, docker_client, worktree, fast_limits):
    run_id = f"test-{uuid.uuid4().hex[:8]}"
    sandbox = docker_backend.start(SandboxRequest(worktree=worktree, run_id=run_id, task_id="task-a", limits=fast_limits))
    container_id = sandbox.container_id
    attrs = docker_client.containers.get(container_id).attrs
    labels, host = attrs["Config"]["Labels"], attrs["HostConfig"]
    assert labels["interns.run"] == run_id and labels["interns.task"] == "task-a"
    assert labels["interns.owner.pid"] == str(os.getpid())
    assert host["CapDrop"] == ["ALL"] and host["ReadonlyRootfs"] is True
    assert "no-new-privileges" in host["SecurityOpt"]
    assert host["PidsLimit"] == fast_limits.pids and host["Memory"] == fast_limits.memory_mb * 2**20
    assert [mount["Destination"] for mount in attrs["Mounts"]] == ["/workspace"]
    sandbox.stop()
    sandbox.stop()  # idempotent
    assert not _exists(docker_client, container_id)
    with pytest.raises(SandboxError):
        sandbox.exec("true")


def test_prune_removes_the_containers_of_a_killed_run_only(docker_backend, docker_client, worktree, tmp_path, new_worktree, start_sandbox, sandbox_image):
    run_id = f"test-dead-{uuid.uuid4().hex[:8]}"
    child_code = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        from interns.sandbox.docker_backend import DockerBackend
        from interns.sandbox.protocol import SandboxRequest
        backend = DockerBackend(image={sandbox_image!r}, pool_size=0, background_start=False)
        sandbox = backend.start(SandboxRequest(worktree=Path({str(worktree)!r}), run_id={run_id!r}, task_id="orphan"))
        print(sandbox.container_id, flush=True)
        time.sleep(600)
        """
    )
    child = subprocess.Popen([sys.executable, "-c", child_code], stdout=subprocess.PIPE, text=True)
    try:
        orphan_id = child.stdout.readline().strip()
    finally:
        child.send_signal(signal.SIGKILL)  # the orchestrator dies: no clean-up code runs
        child.wait()
    assert orphan_id and _exists(docker_client, orphan_id)
    # A live owner (this process) of the same run id keeps its container.
    alive = start_sandbox(docker_backend, new_worktree(tmp_path / "alive"), run_id=run_id, task_id="alive")

    assert docker_backend.prune(run_id) == 1
    assert not _exists(docker_client, orphan_id)
    assert _exists(docker_client, alive.container_id)
    assert alive.exec("echo alive").ok


def test_warm_pool_serves_tasks_of_a_run_directory(docker_client, sandbox_image, tmp_path, new_worktree, fast_limits):
    run_id = f"test-pool-{uuid.uuid4().hex[:8]}"
    run_dir = tmp_path / run_id
    first_tree, second_tree = new_worktree(run_dir / "first"), new_worktree(run_dir / "second")
    new_worktree(run_dir)  # the run directory belongs to the same owner as its worktrees
    backend = DockerBackend(client=docker_client, image=sandbox_image, pool_size=1, background_start=False)
    try:
        assert backend.warm(SandboxRequest(worktree=first_tree, run_id=run_id, task_id="first", limits=fast_limits))
        backend.pool.wait_idle(60)
        warm_ids = {container.id for containers in backend.pool._ready.values() for container in containers}
        assert len(warm_ids) == 1

        first = backend.start(SandboxRequest(worktree=first_tree, run_id=run_id, task_id="first", limits=fast_limits))
        assert first.container_id in warm_ids  # claimed, not started on demand
        assert first.exec("pwd").output.strip() == "/workspace/first"
        assert first.exec("echo from-first > made.txt").ok
        assert (first_tree / "made.txt").read_text() == "from-first\n"
        assert "first" in docker_client.containers.get(first.container_id).name

        backend.pool.wait_idle(60)  # refilled in the background
        second = backend.start(SandboxRequest(worktree=second_tree, run_id=run_id, task_id="second", limits=fast_limits))
        assert second.container_id not in warm_ids
        assert second.exec("pwd").output.strip() == "/workspace/second"
        first.stop()
        second.stop()
    finally:
        backend.close()
    assert docker_client.containers.list(all=True, filters={"label": f"interns.run={run_id}"}) == []


def test_worktrees_outside_a_run_directory_never_share_a_container(docker_client, sandbox_image, worktree, fast_limits):
    backend = DockerBackend(client=docker_client, image=sandbox_image, pool_size=2, background_start=False)
    try:
        request = SandboxRequest(worktree=worktree, run_id="some-run", task_id="t", limits=fast_limits)
        assert not backend.warm(request)  # the parent is not named after the run
        sandbox = backend.start(request)
        assert sandbox.exec("ls").output.split() == ["README.md"]
        assert sandbox.container.attrs["Mounts"][0]["Source"] == str(worktree)
    finally:
        backend.close()


def test_background_start_reports_a_failed_setup_at_the_first_exec(docker_client, sandbox_image, worktree):
    backend = DockerBackend(client=docker_client, image=sandbox_image, pool_size=0, background_start=True)
    try:
        sandbox = backend.start(SandboxRequest(worktree=worktree, run_id="bg", task_id="t", setup=("exit 3",)))
        with pytest.raises(SandboxError, match="set-up command 'exit 3' failed"):
            sandbox.exec("true")
        sandbox.stop()
        ready = backend.start(SandboxRequest(worktree=worktree, run_id="bg", task_id="t2"))
        assert ready.exec("echo ok").output == "ok\n"
        ready.stop()
    finally:
        backend.close()


def test_an_image_that_is_not_there_is_an_infrastructure_error(docker_backend, worktree):
    with pytest.raises(SandboxError, match="not present"):
        docker_backend.start(SandboxRequest(worktree=worktree, run_id="r", task_id="t", image="interns-no-such-image:0"))


def test_output_is_bounded_head_and_tail(docker_client, sandbox_image, worktree, start_sandbox):
    backend = DockerBackend(client=docker_client, image=sandbox_image, pool_size=0, background_start=False,
                            output_head_bytes=1000, output_tail_bytes=1000)
    try:
        sandbox = start_sandbox(backend, worktree)
        result = sandbox.exec("echo FIRST; head -c 3000000 /dev/zero | tr '\\0' x; echo; echo LAST")
        assert result.ok
        assert result.output.startswith("FIRST\n") and result.output.rstrip().endswith("LAST")
        assert "bytes of output omitted" in result.output
        assert len(result.output) < 2200
    finally:
        backend.close()


def test_image_build_is_a_no_op_when_the_tag_exists(docker_client, sandbox_image):
    from interns.sandbox.image import build_image, default_image_tag

    assert sandbox_image == default_image_tag()
    result = build_image(docker_client)
    assert (result.built, result.method, result.tag) == (False, "existing", sandbox_image)


def test_cli_info_reports_the_engine_and_image(sandbox_image):
    completed = subprocess.run([sys.executable, "-c", "from interns.cli import main; main()", "sandbox", "info", "--json"], capture_output=True, text=True)
    facts = json.loads(completed.stdout)
    assert facts["engine_reachable"] is True and facts["image_present"] is True
    assert facts["image"] == sandbox_image and facts["auto_backend"] == "docker"


def test_explicit_docker_without_an_engine_is_a_clear_infrastructure_error(tmp_path, monkeypatch):
    from interns.sandbox import get_backend

    monkeypatch.setenv("DOCKER_HOST", f"unix://{tmp_path}/no-engine.sock")
    with pytest.raises(SandboxError, match="no Docker engine answers"):
        get_backend("docker")
    completed = subprocess.run(
        [sys.executable, "-c", "from interns.cli import main; main()", "sandbox", "prune"],
        capture_output=True, text=True, env={**os.environ, "DOCKER_HOST": f"unix://{tmp_path}/no-engine.sock"},
    )
    assert completed.returncode == 3
    assert "no Docker engine answers" in completed.stderr


def test_a_command_silent_longer_than_the_api_timeout_completes(sandbox_image, worktree):
    from interns.sandbox.docker_connection import connect_engine

    backend = DockerBackend(client=connect_engine(timeout=1), image=sandbox_image, background_start=False)
    try:
        sandbox = backend.start(SandboxRequest(worktree=worktree, run_id="quiet", task_id="t"))
        result = sandbox.exec("echo before; sleep 2.5; echo after; exit 4")
        assert (result.exit_code, result.output, result.timed_out) == (4, "before\nafter\n", False)
        sandbox.stop()
    finally:
        backend.close()
