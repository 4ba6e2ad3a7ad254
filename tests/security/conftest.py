"""Fixtures of the security battery: a check that nothing a sandbox started is left running (the real
Docker engine and sandbox image come from tests/conftest.py's `docker_image`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest


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
