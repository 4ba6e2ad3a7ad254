"""Interns on a Ray cluster (`--executor ray`, the `ray` extra): each intern is a Ray task on any node.

On the head (the process running `interns run`): the base commit goes to the object store once per base
as a git bundle, each task asks Ray for the config's resources (`executor.num_cpus`, `memory_mb`,
`resources`) and is spread over the nodes; while it runs its events come through the relay
(ray_events.py); its result commit comes back as a bundle, is checked like hostile input and becomes
the task's branch here (tools/git_bundles.py), where the orchestrator merges and re-validates it as
for an intern run in this process.

A worker or node lost mid-task is Ray's to handle: the task is run again elsewhere, up to
`executor.max_retries` times (system failures only: an intern's own error is not retried). Nothing is
merged until the head holds the one result Ray returns for the task, and merging a task branch that is
already merged is a no-op, so a re-run task is never merged twice.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import tempfile
import threading
import uuid
from pathlib import Path
from typing import Any

from interns.agents.events import EventKind
from interns.agents.intern import Intern
from interns.agents.outcome import TaskOutcome, TaskStatus
from interns.agents.run_context import RunContext
from interns.config import Config
from interns.errors import ExecutorError, RejectedResultError
from interns.specs import Task
from interns.tools.git_bundles import RESULT_REFS, import_result, write_base_bundle
from interns.tools.git_repo import task_branch

INSTALL_HINT = 'pip install "interns[ray]"'
MB = 1024 * 1024
CONNECT_TIMEOUT_S = 5.0


class RayExecutor:
    name = "ray"

    def __init__(self, config: Config, address: str | None = None) -> None:
        if importlib.util.find_spec("ray") is None:  # fail at the start of the run, with the fix
            raise ExecutorError(f"--executor ray needs the ray extra, which is not installed: {INSTALL_HINT}")
        settings = config.executor
        # --ray-address, then RAY_ADDRESS, then the config; none: a new Ray on this machine for the run
        # ("local": never a stale cluster Ray remembers in its temp folder)
        self.address = address or os.environ.get("RAY_ADDRESS") or settings.address or "local"
        self.task_options: dict[str, Any] = {
            "num_cpus": settings.num_cpus,
            "memory": (settings.memory_mb or config.sandbox.memory_mb) * MB,
            "resources": dict(settings.resources),
            "max_retries": settings.max_retries,
            "retry_exceptions": False,  # only a lost worker or node is retried, never the intern's own error
            "scheduling_strategy": "SPREAD",  # interns are heavy (a sandbox each): one node's load is not the cluster's
        }
        self._lock = threading.Lock()
        self._relay: Any = None
        self._started_ray = False
        self._base: tuple[str, Any, str] | None = None  # (commit, its bundle in the object store, the ref inside)
        self._cassette: tuple[str, Any] | None = None  # (path, its bytes in the object store)
        self._running: set[Any] = set()

    # -- one task ------------------------------------------------------------------------------
    def run(self, context: RunContext, task: Task, base: str, carry: TaskOutcome | None) -> TaskOutcome:
        done = Intern(context, task).finished_before(base, carry)
        if done is not None:  # a resumed run: the result came back before the head's process died
            return done
        from interns.agents.executors.ray_worker import RemoteTask, run_intern_task

        self._connect()
        bundle, base_ref = self._base_bundle(context, base)
        job = RemoteTask(
            run_id=context.run_id, task=task, base=base, base_ref=base_ref, carry=carry, config=context.config, overrides=context.overrides,
            record=context.models.record_path is not None, relay=self._relay, key=f"{task.id}#{uuid.uuid4().hex}",
        )
        ref = run_intern_task.options(name=f"intern {task.id}", **self.task_options).remote(job, bundle, self._cassette_bytes(context))
        result = self._wait(context, task, ref, job.key)
        if result is None:
            return TaskOutcome(id=task.id, status=TaskStatus.CANCELLED, reason="cancelled", base_commit=base, rounds=(carry.rounds if carry else 0) + 1)
        context.models.keep_recorded(result["recorded"])
        return self._accept(context, task, base, result)

    def _wait(self, context: RunContext, task: Task, ref: Any, key: str) -> dict[str, Any] | None:
        """The task's result, relaying its events meanwhile; None when it was cancelled."""
        import ray
        from ray.exceptions import RayError, RayTaskError, TaskCancelledError

        from interns.agents.executors.ray_events import POLL_S

        self._running.add(ref)
        cancelled = False
        try:
            while True:
                ready, _ = ray.wait([ref], timeout=POLL_S)
                self._relay_events(context, key)
                if ready:
                    return ray.get(ref)
                if not cancelled and context.cancellation.is_cancelled(task.id):
                    ray.cancel(ref)  # KeyboardInterrupt in the worker: the intern stops its sandbox on the way out
                    cancelled = True
        except TaskCancelledError:
            return None
        except RayTaskError:
            raise  # the intern's own error, also an instance of its cause (an InfrastructureError stays one)
        except RayError as error:  # workers or nodes died past the retries, the cluster went away
            raise ExecutorError(f"Ray could not run {task.id} (tried {1 + self.task_options['max_retries']} times at most): {error}") from error
        finally:
            self._running.discard(ref)
            self._relay_events(context, key)

    def _accept(self, context: RunContext, task: Task, base: str, result: dict[str, Any]) -> TaskOutcome:
        """The worker's outcome, its commit checked and made the task's branch here. The branch and base
        are the head's own, whatever the worker wrote."""
        branch = task_branch(context.run_id, task.id)
        outcome = TaskOutcome.model_validate(result["outcome"]).model_copy(update={"id": task.id, "branch": branch, "base_commit": base})
        if outcome.status is not TaskStatus.VALIDATED:
            return outcome.model_copy(update={"commit": None})
        with tempfile.TemporaryDirectory(prefix="interns-result-") as scratch:
            path = Path(scratch) / "result.bundle"
            path.write_bytes(result["bundle"] or b"")
            try:
                import_result(context.repo, path, branch, base, outcome.commit or "", task.files, f"{RESULT_REFS}/{context.run_id}/{task.id}")
            except RejectedResultError as error:
                context.emit({"event": EventKind.TAMPERED, "task": task.id, "error": f"from node {result.get('node')}: {error}"})
                return outcome.model_copy(update={"status": TaskStatus.FAILED, "reason": "tampered", "failing_output": str(error), "commit": None})
        return outcome

    # -- what the tasks share ------------------------------------------------------------------
    def _connect(self) -> None:
        import ray

        from interns.agents.executors.ray_events import start_relay

        with self._lock:
            if self._relay is not None:
                return
            if not ray.is_initialized():
                _check_answers(self.address)
                # log_to_driver off: workers' output would break the run's live display
                options = {"include_dashboard": False} if self.address == "local" else {}
                try:
                    ray.init(address=self.address, log_to_driver=False, **options)
                except Exception as error:  # ConnectionError, a timeout, a bad address...
                    raise ExecutorError(f"cannot join the Ray cluster at {self.address}: {error}") from error
                self._started_ray = True
            self._relay = start_relay()

    def _base_bundle(self, context: RunContext, base: str) -> tuple[Any, str]:
        """The base as a bundle in the object store, made once per base (a wave's tasks share it)."""
        import ray

        with self._lock:
            if self._base is None or self._base[0] != base:
                with tempfile.TemporaryDirectory(prefix="interns-base-") as scratch:
                    path = Path(scratch) / "base.bundle"
                    ref = write_base_bundle(context.repo, context.run_id, base, path)
                    self._base = (base, ray.put(path.read_bytes()), ref)
            return self._base[1], self._base[2]

    def _cassette_bytes(self, context: RunContext) -> Any:
        """The replay cassette's bytes in the object store (once), or None when the run is live."""
        import ray

        path = context.models.replay_path
        if path is None:
            return None
        with self._lock:
            if self._cassette is None or self._cassette[0] != str(path):
                self._cassette = (str(path), ray.put(Path(path).read_bytes()))
            return self._cassette[1]

    def _relay_events(self, context: RunContext, key: str) -> None:
        import ray

        for event in ray.get(self._relay.take.remote(key)):
            context.emit(event)

    def close(self) -> None:
        """Cancel the tasks still running (an interrupted run), and leave Ray if this executor joined it."""
        import ray

        if not ray.is_initialized():
            return
        for ref in list(self._running):
            ray.cancel(ref)
        if self._relay is not None:
            ray.kill(self._relay)
            self._relay = None
        if self._started_ray:
            ray.shutdown()
            self._started_ray = False


def _check_answers(address: str) -> None:
    """Fail within seconds when nothing listens at a host:port address: ray.init would retry for many
    minutes before giving up on it."""
    host, _, port = address.rpartition(":")
    if "://" in address or not host or not port.isdigit():  # "local", a ray:// client address...
        return
    try:
        socket.create_connection((host, int(port)), timeout=CONNECT_TIMEOUT_S).close()
    except OSError as error:
        raise ExecutorError(f"nothing answers at the Ray address {address} ({error}): start the cluster's head (`ray start --head`) or fix RAY_ADDRESS / --ray-address") from error
