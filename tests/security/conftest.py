"""Fixtures of the security battery: the real Docker engine and sandbox image (skipped only when no
engine answers), and a check that nothing a sandbox started is left running."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def docker_image() -> str:
    from interns.errors import SandboxError
    from interns.sandbox.engine import connect_engine
    from interns.sandbox.image import build_image

    try:
        client = connect_engine()
    except SandboxError as error:
        pytest.skip(f"no Docker engine answers: {error}")
    try:
        return build_image(client, log=print).tag  # a no-op when the recipe's image exists
    finally:
        client.close()


@pytest.fixture
def leftovers():
    """`leftovers(run_id, marker)`: containers of the run and host processes whose command line holds
    `marker`, both expected to be none."""
    import docker

    client = docker.from_env()

    def find(run_id: str, marker: str | None = None) -> list[str]:
        found = [container.name for container in client.containers.list(all=True, filters={"label": f"interns.run={run_id}"})]
        if marker:
            for entry in Path("/proc").iterdir():
                if entry.name.isdigit() and int(entry.name) != os.getpid():
                    try:
                        cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                    except OSError:
                        continue
                    if marker in cmdline:
                        found.append(f"pid {entry.name}: {cmdline}")
        return found

    yield find
    client.close()
