"""Choosing a sandbox backend: `--sandbox docker|local`, or automatic.

Automatic: docker when an engine answers and the sandbox image is present (or can be built here),
otherwise local, with a visible warning that commands are not isolated. Docker asked for explicitly
with no engine (or no usable image) is an infrastructure error (SandboxError, exit 3).
"""

from __future__ import annotations

import logging
import warnings
from dataclasses import dataclass

from interns.errors import BadInputError, SandboxError
from interns.sandbox.docker_backend import DockerBackend
from interns.sandbox.engine import connect_engine
from interns.sandbox.local_backend import LocalBackend
from interns.sandbox.protocol import SandboxBackend

log = logging.getLogger(__name__)

BACKEND_NAMES = ("docker", "local")


class NotIsolatedWarning(UserWarning):
    """Commands will run on the host: the local backend was chosen because docker is unusable."""


@dataclass(frozen=True)
class BackendChoice:
    backend: SandboxBackend
    warning: str | None  # set when the automatic choice fell back to the local backend


def select_backend(name: str | None = None, image: str | None = None, pool_size: int | None = None) -> BackendChoice:
    """The backend for `name` ("docker", "local", or None/"auto") and why, when it fell back."""
    if name not in (None, "auto", *BACKEND_NAMES):
        raise BadInputError(f"unknown sandbox backend {name!r}: choose docker, local or auto")
    if name == "local":
        return BackendChoice(LocalBackend(), None)
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
    warning = (
        "sandbox: using the LOCAL backend, NOT isolated: interns' commands run on this machine with "
        f"your permissions and network ({reason})"
    )
    warnings.warn(warning, NotIsolatedWarning, stacklevel=2)
    log.warning(warning)
    return BackendChoice(LocalBackend(notice=warning), warning)


def get_backend(name: str | None = None, image: str | None = None, pool_size: int | None = None) -> SandboxBackend:
    """The backend for `name`; a local fallback carries its warning in `backend.notice`."""
    return select_backend(name, image, pool_size).backend
