"""One intern as a Ray task on a worker node (the head's side is ray_executor.py).

The task gets the base commit as a git bundle, clones it into a scratch folder, runs the intern there
with this node's own sandbox (the config's backend, e.g. Docker on this node) and model client, and
returns the outcome with the task's result commit as a bundle. Nothing is merged here: the head checks
the bundle and merges. Replayed model answers come as the cassette's bytes (the head's file need not
exist here); recorded calls go back as lines for the head's cassette.
"""

from __future__ import annotations

import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ray

from interns.agents.executors.ray_events import RelayedEmit
from interns.agents.intern import Intern
from interns.agents.models.replay_backend import forget_cassettes
from interns.agents.outcome import TaskOutcome, TaskStatus
from interns.agents.run_context import RunContext, RunOverrides
from interns.agents.run_parts import model_client, prune_dead_sandboxes, sandbox_backend
from interns.config import Config
from interns.sandbox.protocol import SandboxBackend
from interns.specs import Task
from interns.tools.git_bundles import clone_from_bundle, write_result_bundle
from interns.tools.git_repo import task_branch

_backends: dict[str, SandboxBackend] = {}  # one per sandbox kind in this worker process (Ray reuses it for tasks)
_backends_lock = threading.Lock()


@dataclass(frozen=True)
class RemoteTask:
    """What the head sends with a task (the base bundle and the cassette travel as separate objects)."""

    run_id: str
    task: Task
    base: str
    base_ref: str  # the ref the base bundle holds the base under
    carry: TaskOutcome | None
    config: Config
    overrides: RunOverrides
    record: bool  # the head records model calls: send ours back
    relay: Any  # the head's EventRelay
    key: str  # this dispatch's key at the relay


def run_intern(job: RemoteTask, bundle: bytes, cassette: bytes | None) -> dict[str, Any]:
    """The intern's round on this node: {"outcome": TaskOutcome as JSON, "bundle": the result commit
    (validated tasks) or None, "node": this node's id, "recorded": cassette lines}."""
    emit = RelayedEmit(job.relay, job.key)
    with tempfile.TemporaryDirectory(prefix="interns-ray-", ignore_cleanup_errors=True) as scratch_dir:
        scratch = Path(scratch_dir)
        (scratch / "base.bundle").write_bytes(bundle)
        repo = clone_from_bundle(scratch / "base.bundle", job.base_ref, scratch / "repo")
        repo.ensure_state_dir()
        replay = scratch / "cassette.jsonl" if cassette is not None else None
        if replay is not None:
            replay.write_bytes(cassette or b"")
        record = scratch / "record.jsonl" if job.record else None
        context = RunContext(repo, job.run_id, job.config, model_client(job.config, record, replay), _sandbox_backend(job.config), job.overrides, emit=emit)
        try:
            outcome = Intern(context, job.task).run(job.base, carry=job.carry)
        finally:
            forget_cassettes()  # this process runs other tasks next, each with its own cassette copy
            emit.flush()
        result: bytes | None = None
        if outcome.status is TaskStatus.VALIDATED and outcome.commit:
            write_result_bundle(repo, task_branch(job.run_id, job.task.id), job.base, scratch / "result.bundle")
            result = (scratch / "result.bundle").read_bytes()
        recorded = record.read_text(encoding="utf-8").splitlines() if record is not None and record.exists() else []
    return {"outcome": outcome.model_dump(mode="json"), "bundle": result, "node": emit.node, "recorded": recorded}


def _sandbox_backend(config: Config) -> SandboxBackend:
    """This node's backend of the kind the run uses, made once per worker process. Each task first
    removes the sandboxes of dead processes on this node's engine: a worker killed mid-task (the task
    this one may be the re-run of) leaves its container behind."""
    name = config.sandbox.backend
    with _backends_lock:
        if name not in _backends:
            _backends[name] = sandbox_backend(config)
            return _backends[name]
    prune_dead_sandboxes(_backends[name])
    return _backends[name]


run_intern_task = ray.remote(run_intern)
