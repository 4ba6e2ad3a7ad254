"""Fixtures for the sandbox tests: the real Docker engine and the real sandbox image.

The image is built once per test session (minutes the first time, then cached by its recipe tag).
Docker tests are skipped only when no engine answers.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from interns.errors import SandboxError
from interns.sandbox.protocol import Sandbox, SandboxLimits, SandboxRequest

# An unprivileged uid:gid that owns the test worktrees when the tests run as root (CI), so the docker
# tests exercise the non-root path a normal user gets.
WORKTREE_OWNER = (1000, 1000)
FAST_LIMITS = SandboxLimits(memory_mb=256, pids=128, cpus=1.0, command_timeout_s=60)


@pytest.fixture(scope="session")
def docker_client():
    from interns.sandbox.docker_connection import connect_engine

    try:
        client = connect_engine()
    except SandboxError as error:
        pytest.skip(f"no Docker engine answers: {error}")
    yield client
    client.close()


@pytest.fixture(scope="session")
def sandbox_image(docker_client) -> str:
    """The project's sandbox image, built when missing (debootstrap offline, a few minutes)."""
    from interns.sandbox.image import build_image

    return build_image(docker_client, log=print).tag


@pytest.fixture(scope="session")
def docker_backend(docker_client, sandbox_image):
    from interns.sandbox.docker_backend import DockerBackend

    backend = DockerBackend(client=docker_client, image=sandbox_image, pool_size=0, background_start=False)
    yield backend
    backend.close()


def make_worktree(path: Path, owner: tuple[int, int] | None = WORKTREE_OWNER) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    (path / "README.md").write_text("a worktree\n")
    if owner is not None and os.geteuid() == 0:
        for item in (path, path / "README.md"):
            os.chown(item, *owner)
    return path


@pytest.fixture
def worktree(tmp_path: Path) -> Path:
    return make_worktree(tmp_path / "worktree")


@pytest.fixture
def start_sandbox() -> Iterator[Callable[..., Sandbox]]:
    """`start_sandbox(backend, worktree, **request_fields)`; every sandbox is stopped at the end."""
    started: list[Sandbox] = []

    def start(backend, worktree: Path, **fields) -> Sandbox:
        fields.setdefault("run_id", f"test-{uuid.uuid4().hex[:8]}")
        fields.setdefault("task_id", "task")
        fields.setdefault("limits", FAST_LIMITS)
        sandbox = backend.start(SandboxRequest(worktree=worktree, **fields))
        started.append(sandbox)
        return sandbox

    yield start
    for sandbox in started:
        sandbox.stop()


def host_processes_matching(text: str) -> list[int]:
    """Pids on the host whose command line contains `text`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if text in cmdline and int(entry.name) != os.getpid():
            found.append(int(entry.name))
    return found


@pytest.fixture
def new_worktree() -> Callable[..., Path]:
    """`new_worktree(path, owner=(uid, gid) | None)`: a directory with one file (helpers as fixtures,
    so test modules never import conftest)."""
    return make_worktree


@pytest.fixture
def fast_limits() -> SandboxLimits:
    return FAST_LIMITS


@pytest.fixture
def find_host_processes() -> Callable[[str], list[int]]:
    return host_processes_matching
