"""Choosing a sandbox backend: `--sandbox docker|local`, or automatic. Fails closed.

Automatic: docker when an engine answers and the sandbox image is present (or can be built here);
otherwise a SandboxError (exit 3) naming `--sandbox local`: commands never run unisolated unless the
user asked for it by name. Docker asked for explicitly with no engine (or no usable image) is the
same infrastructure error. The local backend always carries a warning (`notice`), shown at every run.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from interns.errors import BadInputError, SandboxError
from interns.sandbox.docker_backend import DockerBackend
from interns.sandbox.docker_connection import connect_engine
from interns.sandbox.local_backend import LocalBackend
from interns.sandbox.protocol import SandboxBackend

BACKEND_NAMES = ("docker", "local")


LOCAL_WARNING = (
    "sandbox: LOCAL backend (--sandbox local), NOT isolated: commands run on this machine with your "
    "permissions, files and network (only an allow-listed environment is passed: no API keys or tokens)"
)


class NotIsolatedWarning(UserWarning):
    """Commands will run on the host: the local backend was asked for."""


@dataclass(frozen=True)
class BackendChoice:
    backend: SandboxBackend
    warning: str | None  # set for the local backend: commands are not isolated


def select_backend(name: str | None = None, image: str | None = None, pool_size: int | None = None) -> BackendChoice:
    """The backend for `name` ("docker", "local", or None/"auto"), with its warning when not isolated."""
    if name not in (None, "auto", *BACKEND_NAMES):
        raise BadInputError(f"unknown sandbox backend {name!r}: choose docker, local or auto")
    if name == "local":
        warnings.warn(LOCAL_WARNING, NotIsolatedWarning, stacklevel=2)
        return BackendChoice(LocalBackend(notice=LOCAL_WARNING), LOCAL_WARNING)
    docker_options = {} if pool_size is None else {"pool_size": pool_size}
    if name == "docker":
        backend = DockerBackend(image=image, **docker_options)  # SandboxError when no engine answers
        usable, why = backend.image_available(image)
        if not usable:
            backend.close()
            raise SandboxError(f"the docker sandbox cannot run: {why}; run `interns sandbox build` first")
        return BackendChoice(backend, None)
    try:
        backend = DockerBackend(client=connect_engine(), image=image, **docker_options)
    except SandboxError as error:
        reason = str(error)
    else:
        usable, why = backend.image_available(image)
        if usable:
            return BackendChoice(backend, None)
        backend.close()
        reason = f"the sandbox image is missing and cannot be built here: {why}"
    # Fail closed: never fall back to running unisolated without being asked.
    raise SandboxError(
        f"no usable sandbox: {reason}.\ninterns never falls back to running commands unisolated: make Docker usable "
        "(`interns sandbox build` makes the image), or pass `--sandbox local` to run them on this machine, NOT isolated"
    )


def get_backend(name: str | None = None, image: str | None = None, pool_size: int | None = None) -> SandboxBackend:
    """The backend for `name`; the local backend carries its warning in `backend.notice`."""
    return select_backend(name, image, pool_size).backend
