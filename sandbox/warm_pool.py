"""A few started containers waiting per ContainerSpec, so a task does not wait for a container start.

A bind mount cannot be added to a running container, so a warm container mounts the *run directory*
(the parent of the run's task worktrees, `.../<run_id>/<task_id>`) at /workspace and a claimed one
works in `/workspace/<task_id>`. The price: a task can see its sibling worktrees of the same run (never
anything else of the host). The backend only pools when the worktree layout names the run (see
DockerBackend._pool_mount); otherwise every task gets its own cold-started container.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from docker.models.containers import Container

from interns.sandbox.container_spec import ContainerSpec

log = logging.getLogger(__name__)

MakeContainer = Callable[[ContainerSpec, str], Container]  # (spec, run_id) -> started container
RemoveContainer = Callable[[Container], None]


class WarmPool:
    def __init__(self, size: int, make: MakeContainer, remove: RemoveContainer) -> None:
        self.size = size
        self._make = make
        self._remove = remove
        self._ready: dict[ContainerSpec, list[Container]] = {}
        self._in_flight: dict[ContainerSpec, int] = {}
        self._lock = threading.Lock()
        self._closed = False
        self._threads: list[threading.Thread] = []

    def claim(self, spec: ContainerSpec) -> Container | None:
        with self._lock:
            ready = self._ready.get(spec)
            return ready.pop(0) if ready else None

    def replenish(self, spec: ContainerSpec, run_id: str) -> None:
        """Start background creations until `size` containers are ready or on their way."""
        with self._lock:
            if self._closed:
                return
            missing = self.size - len(self._ready.get(spec, [])) - self._in_flight.get(spec, 0)
            for _ in range(max(0, missing)):
                self._in_flight[spec] = self._in_flight.get(spec, 0) + 1
                thread = threading.Thread(target=self._create, args=(spec, run_id), daemon=True)
                self._threads.append(thread)
                thread.start()
            self._threads = [thread for thread in self._threads if thread.is_alive()]

    def _create(self, spec: ContainerSpec, run_id: str) -> None:
        container: Container | None = None
        try:
            container = self._make(spec, run_id)
        except Exception as error:  # a failed warm-up only costs the next task a cold start
            log.warning("warm sandbox container could not start: %s", error)
        with self._lock:
            self._in_flight[spec] -= 1
            if container is not None and not self._closed:
                self._ready.setdefault(spec, []).append(container)
                return
        if container is not None:
            self._remove(container)

    def wait_idle(self, timeout: float | None = None) -> None:
        """Wait for in-flight creations (benchmarks and tests)."""
        for thread in list(self._threads):
            thread.join(timeout)

    def close(self, timeout: float = 60.0) -> None:
        """Remove the waiting containers; creations still under way remove theirs when they end
        (waited for up to `timeout`, so nothing is left behind when close returns)."""
        with self._lock:
            self._closed = True
            leftovers = [container for containers in self._ready.values() for container in containers]
            self._ready.clear()
        for container in leftovers:
            self._remove(container)
        self.wait_idle(timeout)
