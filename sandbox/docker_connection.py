"""Reaching the Docker engine (DOCKER_HOST and friends, as the docker CLI does), with clear errors."""

from __future__ import annotations

import os

import docker
import docker.errors

from interns.errors import SandboxError

_CONNECT_TIMEOUT_S = 5
# Long enough for a container start or removal on a busy 2-core machine; exec streams have no timeout.
API_TIMEOUT_S = 120


def engine_address() -> str:
    return os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")


def connect_engine(timeout: int = API_TIMEOUT_S) -> docker.DockerClient:
    """A client for the engine named by the environment; raises SandboxError when none answers."""
    try:
        client = docker.from_env(timeout=_CONNECT_TIMEOUT_S)
        client.ping()
    except (docker.errors.DockerException, OSError) as error:
        raise SandboxError(
            f"no Docker engine answers at {engine_address()} ({_first_line(error)}); start Docker, fix "
            "DOCKER_HOST, or use `--sandbox local` (not isolated)"
        ) from error
    client.api.timeout = timeout
    return client


def engine_answers() -> bool:
    try:
        connect_engine().close()
        return True
    except SandboxError:
        return False


def _first_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0][:300]
