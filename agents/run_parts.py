"""The live parts of a run built from its config, alike wherever an intern runs (the head's process, or a
Ray worker node): the sandbox backend, with the leftovers of dead runs on its engine removed, and the
model client."""

from __future__ import annotations

import logging
import threading
import warnings
from pathlib import Path
from typing import Any

from interns.agents.models.client import ModelClient
from interns.config import Config
from interns.sandbox import get_backend
from interns.sandbox.protocol import SandboxBackend

log = logging.getLogger(__name__)

PRUNE_WAIT_S = 30.0


def sandbox_backend(config: Config) -> SandboxBackend:
    """The backend `sandbox.backend` names (a SandboxError when it cannot run), after removing the
    sandboxes of runs whose process died; the local backend's warning is in `backend.notice`."""
    with warnings.catch_warnings():  # the notice is shown once, by the CLI, from backend.notice
        warnings.simplefilter("ignore")
        backend = get_backend(config.sandbox.backend if config.sandbox.backend != "auto" else None)
    prune_dead_sandboxes(backend)
    return backend


def model_client(config: Config, record_path: Path | None = None, replay_path: Path | None = None) -> ModelClient:
    models = config.models
    return ModelClient(timeout_s=models.timeout_s, retries=models.retries, record_path=record_path, replay_path=replay_path, endpoints=models.endpoints)


def prune_dead_sandboxes(sandbox: Any, wait_s: float = PRUNE_WAIT_S) -> None:
    """Remove the sandboxes (containers, stray processes) of runs whose process died. A dead run's
    leftovers never hold this run up: a removal that takes longer than `wait_s` goes on in the
    background, and one that fails is reported, both naming how to remove them by hand."""
    errors: list[BaseException] = []

    def prune() -> None:
        try:
            sandbox.prune(None)
        except Exception as error:  # the engine broke mid-way, a container vanished while listed...
            errors.append(error)

    thread = threading.Thread(target=prune, name="prune-dead-sandboxes", daemon=True)
    thread.start()
    thread.join(wait_s)
    if thread.is_alive():
        log.warning("removing the sandboxes of dead runs takes longer than %.0f s; going on without waiting (`interns sandbox prune` removes what is left)", wait_s)
    elif errors:
        log.warning("could not remove the sandboxes of dead runs: %s (`interns sandbox prune` removes them)", errors[0])
