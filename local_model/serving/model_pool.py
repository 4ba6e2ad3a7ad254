"""The models one server serves: each name to its own engine and scheduler, loaded on first use.

The first model is loaded at start and is the default. Another one is loaded when a request first names
it (by name or alias), in a worker thread; concurrent first requests all wait for that one load. Each
model has its own scheduler, so requests are batched per model, and its own metrics, kept across unloads.
Only the first model is warmed up before the server says ready; for a later one the request waiting for
it is its first use, and a warm-up burst would cost that request more than the cold start it saves
(the 1.5B loaded from the cache: its first burst of 8 paid ~2 s over a 4.2 s warm burst; a warm-up
first cost 3 s with short prompts, 12 s at full width). `interns serve --preload` loads and warms every
model before ready instead.

Before a load the model's memory need is estimated (memory.py) and compared with what is free. When it
does not fit beside the models loaded, the least recently used idle ones (no request running or queued)
are unloaded if that frees enough, each with one log line saying so; otherwise the request gets a 503
saying what the model needs and what is free. Nothing here takes the server down: a model that fails to
load is a 503 for its requests, and the next request tries again.

Everything but the loads themselves runs on the event loop's thread, so choosing, unloading and marking
models needs no lock; a handler submits to the scheduler `acquire` returns without awaiting in between,
so a model it holds is never unloaded under it.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import time
import traceback
from dataclasses import dataclass, field
from typing import Protocol

from interns.errors import BadInputError, InternsError
from interns.local_model.serving.api_errors import APIError, insufficient_memory, model_not_found, model_unavailable
from interns.local_model.serving.memory import FreeMemory, MemoryBudget, MemoryNeed, megabytes
from interns.local_model.serving.metrics import ServerMetrics
from interns.local_model.serving.model_loader import ServedModel
from interns.local_model.serving.scheduler import Scheduler

log = logging.getLogger("interns.serve")

LOAD_TRIES = 3  # a model unloaded again (for another) between its load and its waiting request is reloaded


class ModelLoader(Protocol):
    def need(self, model: ServedModel) -> MemoryNeed: ...

    def load(self, model: ServedModel, metrics: ServerMetrics) -> Scheduler: ...


@dataclass(eq=False)
class PoolEntry:
    model: ServedModel
    metrics: ServerMetrics = field(default_factory=ServerMetrics)  # kept across unloads: counters never go back
    scheduler: Scheduler | None = None  # None while not loaded
    need: MemoryNeed | None = None  # estimated before its first load
    last_used: float = 0.0  # monotonic seconds of the last request
    loading: asyncio.Future | None = None  # the load under way, which first requests wait for
    room_made: bool = False  # memory counted for it while it loads

    @property
    def name(self) -> str:
        return self.model.name

    @property
    def idle(self) -> bool:
        """Loaded with no request running or queued: it may be unloaded."""
        return self.scheduler is not None and self.scheduler.in_flight == 0

    @property
    def holds(self) -> int:
        """Memory counted for it: its need while loaded or loading, else nothing."""
        return self.need.total if self.need is not None and (self.scheduler is not None or self.room_made) else 0


class ModelPool:
    def __init__(self, models: list[ServedModel], loader: ModelLoader, budget: MemoryBudget | None = None) -> None:
        if not models:
            raise BadInputError("interns serve needs at least one model")
        self.entries = [PoolEntry(model) for model in models]
        self.loader = loader
        self.budget = budget or MemoryBudget()

    @property
    def default(self) -> PoolEntry:
        return self.entries[0]

    def loaded(self) -> list[PoolEntry]:
        return [entry for entry in self.entries if entry.scheduler is not None]

    def resolve(self, requested: str) -> PoolEntry:
        """The entry a request's `model` names (404 model_not_found when none), loaded or not."""
        for entry in self.entries:
            if entry.model.answers_to(requested):
                return entry
        raise model_not_found(requested, [entry.name for entry in self.entries])

    # ---- loading ------------------------------------------------------------------------------------
    def load_default(self) -> Scheduler:
        """Load the first model now, before the server says ready; it always loads, with one warning line
        when its estimate is above what is free."""
        entry = self.default
        entry.need = self.loader.need(entry.model)
        free = self.budget.free(0)
        if entry.need.total > free.size:
            log.warning("interns serve: %s needs %s and %s is free (%s): loading it anyway, the first model always loads",
                        entry.name, entry.need.describe(), megabytes(max(free.size, 0)), free.source)
        self._install(entry, self.loader.load(entry.model, entry.metrics))
        return entry.scheduler  # type: ignore[return-value]

    async def preload(self, entry: PoolEntry) -> bool:
        """Load a later model now (`interns serve --preload`); False, with the reason logged, when it
        cannot be loaded (it stays to be loaded on first use)."""
        try:
            await self.acquire(entry.name, when="at start")
        except APIError as error:
            log.warning("interns serve: %s is not preloaded, it will load on first use: %s", entry.name, error.message)
            return False
        return True

    async def acquire(self, requested: str, when: str = "on first use") -> PoolEntry:
        """The named model's entry with its scheduler loaded (404 for an unknown name, 503 when it cannot
        be loaded). Submit to its scheduler without awaiting anything first."""
        entry = self.resolve(requested)
        for _ in range(LOAD_TRIES):
            if entry.scheduler is not None:
                entry.last_used = time.monotonic()
                return entry
            if entry.loading is None:
                entry.loading = asyncio.ensure_future(self._load(entry, when))
                entry.loading.add_done_callback(lambda done: done.cancelled() or done.exception())  # never "unretrieved"
            await asyncio.shield(entry.loading)  # a client leaving does not cancel the load the others wait for
        raise insufficient_memory(f"The model '{entry.name}' was unloaded again for other models before it could answer; retry.")

    async def _load(self, entry: PoolEntry, when: str) -> None:
        try:
            if entry.need is None:
                entry.need = await asyncio.to_thread(self.loader.need, entry.model)  # may assemble a registered model
            unloaded, free = self._make_room(entry)
            entry.room_made = True
            started = time.perf_counter()
            scheduler = await asyncio.to_thread(self.loader.load, entry.model, entry.metrics)
            self._install(entry, scheduler)
            beside = [other.name for other in self.loaded() if other is not entry]
            how = f"after unloading {', '.join(unloaded)}" if unloaded else f"resident beside {', '.join(beside)}" if beside else "alone"
            log.warning("interns serve: loaded %s %s in %.1f s, %s (%s was free: %s); it needs %s", entry.name, when,
                        time.perf_counter() - started, how, megabytes(max(free.size, 0)), free.source, entry.need.describe())
        except APIError:
            raise
        except InternsError as error:
            log.warning("interns serve: cannot load %s: %s", entry.name, error)
            raise model_unavailable(entry.name, str(error)) from None
        except Exception as error:  # noqa: BLE001 - a model that fails to load must not take the server down
            log.error("interns serve: loading %s failed:\n%s", entry.name, traceback.format_exc())
            raise model_unavailable(entry.name, f"{type(error).__name__}: {error}") from None
        finally:
            entry.loading = None
            entry.room_made = False

    def _install(self, entry: PoolEntry, scheduler: Scheduler) -> None:
        scheduler.start()
        entry.scheduler = scheduler
        entry.last_used = time.monotonic()

    # ---- memory ---------------------------------------------------------------------------------------
    def _make_room(self, entry: PoolEntry) -> tuple[list[str], FreeMemory]:
        """Make sure `entry` fits: unload least recently used idle models if that is enough, else raise
        the 503. Returns the models unloaded and what was free before, for the load's log line."""
        assert entry.need is not None
        need = entry.need.total
        free = self.budget.free(sum(other.holds for other in self.entries))
        if need <= free.size:
            return [], free
        victims: list[PoolEntry] = []
        freed = 0
        for other in sorted((other for other in self.entries if other is not entry and other.idle), key=lambda other: other.last_used):
            victims.append(other)
            freed += other.holds
            if free.size + freed >= need:
                break
        else:
            busy = [other.name for other in self.loaded() if other is not entry and not other.idle]
            message = (f"Not enough memory to load '{entry.name}': it needs {entry.need.describe()} and "
                       f"{megabytes(max(free.size, 0))} is free ({free.source})")
            if victims:
                message += f"; unloading the idle {', '.join(victim.name for victim in victims)} would free only {megabytes(freed)}"
            if busy:
                message += f"; busy, so not unloaded: {', '.join(busy)}"
            log.warning("interns serve: %s", message)
            raise insufficient_memory(message + ".")
        reason = f"to make room for {entry.name} (needs {megabytes(need)}, {megabytes(max(free.size, 0))} free: {free.source})"
        for victim in victims:
            self._unload(victim, reason)
        return [victim.name for victim in victims], free

    def _unload(self, entry: PoolEntry, reason: str) -> None:
        held = entry.holds
        scheduler, entry.scheduler = entry.scheduler, None
        if scheduler is None:
            return
        scheduler.stop()  # idle: its thread ends at once
        log.warning("interns serve: unloaded %s (idle for %.0f s, ~%s) %s", entry.name, time.monotonic() - entry.last_used, megabytes(held), reason)
        del scheduler
        gc.collect()  # the engine's arrays (weights map, KV cache) go now, not at some later collection

    def stop(self) -> None:
        for entry in self.loaded():
            entry.scheduler.stop()  # type: ignore[union-attr]
