"""The events of interns on Ray worker nodes, relayed live to the head.

An intern emits events as it works (started, answers, validation...); on a worker node they go to one
small actor on the head's node (no CPU reserved), keyed by the task's dispatch, and the head's waiting
thread takes them every POLL_S and emits them on the run's stream, so the progress display, the TUI
and the events log see a remote intern as they see a local one. Each event says which node it came
from (`node`), so a task re-run after its node died shows both starts.
"""

from __future__ import annotations

import time
from typing import Any

import ray
from ray.util.scheduling_strategies import NodeAffinitySchedulingStrategy

POLL_S = 0.25  # how often the head takes a task's events (and checks whether it is done or cancelled)


@ray.remote(num_cpus=0)
class EventRelay:
    """Events waiting for the head, per task dispatch. A sequential actor: the calls of one worker
    run in the order it made them, so a task's events keep their order."""

    def __init__(self) -> None:
        self._waiting: dict[str, list[dict[str, Any]]] = {}

    def put(self, key: str, events: list[dict[str, Any]]) -> None:
        self._waiting.setdefault(key, []).extend(events)

    def take(self, key: str) -> list[dict[str, Any]]:
        return self._waiting.pop(key, [])


def start_relay() -> Any:
    """A relay on this process's node: it must outlive any worker node that dies."""
    here = ray.get_runtime_context().get_node_id()
    return EventRelay.options(scheduling_strategy=NodeAffinitySchedulingStrategy(node_id=here, soft=False)).remote()  # type: ignore[attr-defined]


class RelayedEmit:
    """A worker's `emit`: each event, marked with this node, goes to the relay without waiting."""

    def __init__(self, relay: Any, key: str) -> None:
        self.relay = relay
        self.key = key
        self.node = ray.get_runtime_context().get_node_id()

    def __call__(self, event: dict[str, Any]) -> None:
        # the time it happened here (the head's log keeps it), not when the head took it
        self.relay.put.remote(self.key, [{**event, "node": self.node, "time": time.time()}])

    def flush(self) -> None:
        """Wait until the relay has every event sent so far (before the task's result goes back)."""
        ray.get(self.relay.put.remote(self.key, []))
