"""The model pool on its own (fake engines, no model): a model loads once on its first requests, both
stay resident when the memory allows, the least recently used idle one is unloaded when it does not,
and a busy one never is: that request gets a 503 saying what is needed and what is free."""

from __future__ import annotations

import asyncio
import logging
import threading
import time

import pytest

from interns.local_model.errors import ModelNotInstalledError
from interns.local_model.serving.api_errors import APIError
from interns.local_model.serving.memory import MB, MemoryBudget, MemoryNeed
from interns.local_model.serving.metrics import ServerMetrics
from interns.local_model.serving.model_loader import ServedModel
from interns.local_model.serving.model_pool import ModelPool


class FakeScheduler:
    def __init__(self, name: str) -> None:
        self.name = name
        self.in_flight = 0
        self.running = False

    def start(self) -> None:
        self.running = True

    def stop(self) -> None:
        self.running = False


class FakeLoader:
    """Each model needs `need_mb`; loads take `seconds` and are counted; `broken` ones are not installed."""

    def __init__(self, need_mb: float = 100, seconds: float = 0.0, broken: tuple[str, ...] = ()) -> None:
        self.need_mb, self.seconds, self.broken = need_mb, seconds, broken
        self.loads: list[str] = []
        self._lock = threading.Lock()

    def need(self, model: ServedModel) -> MemoryNeed:
        return MemoryNeed(int(self.need_mb * MB), 0, 0, 1, 128)

    def load(self, model: ServedModel, metrics: ServerMetrics) -> FakeScheduler:
        if model.name in self.broken:
            raise ModelNotInstalledError(f"{model.name} is not installed (pip install 'interns[{model.name}]')")
        time.sleep(self.seconds)
        with self._lock:
            self.loads.append(model.name)
        return FakeScheduler(model.name)


def pool_of(loader: FakeLoader, limit_mb: int | None, *names: str) -> ModelPool:
    models = [ServedModel(name, name, {f"local/{name}"}) for name in names]
    return ModelPool(models, loader, MemoryBudget(limit_mb * MB if limit_mb else None))


def test_concurrent_first_requests_wait_for_one_load() -> None:
    loader = FakeLoader(seconds=0.3)
    pool = pool_of(loader, None, "small", "big")
    pool.load_default()

    async def burst() -> list:
        return await asyncio.gather(*(pool.acquire("local/big") for _ in range(5)))

    entries = asyncio.run(burst())
    assert loader.loads == ["small", "big"]  # one load of "big" for five first requests
    assert {entry.name for entry in entries} == {"big"} and all(entry.scheduler is not None for entry in entries)
    assert [entry.name for entry in pool.loaded()] == ["small", "big"]  # both resident: no limit


def test_both_stay_resident_when_they_fit() -> None:
    loader = FakeLoader(need_mb=100)
    pool = pool_of(loader, 250, "small", "big")
    pool.load_default()
    asyncio.run(pool.acquire("big"))
    assert [entry.name for entry in pool.loaded()] == ["small", "big"]


def test_the_least_recently_used_idle_model_is_unloaded_for_room(caplog: pytest.LogCaptureFixture) -> None:
    loader = FakeLoader(need_mb=100)
    pool = pool_of(loader, 250, "a", "b", "c")
    pool.load_default()

    async def use(*names: str) -> None:
        for name in names:
            await pool.acquire(name)

    asyncio.run(use("b", "a"))  # b is now the least recently used
    with caplog.at_level(logging.WARNING, logger="interns.serve"):
        asyncio.run(use("c"))
    assert sorted(entry.name for entry in pool.loaded()) == ["a", "c"]
    unloaded = [record.getMessage() for record in caplog.records if "unloaded" in record.getMessage()]
    assert len(unloaded) == 1 and unloaded[0].startswith("interns serve: unloaded b ") and "to make room for c" in unloaded[0]


def test_a_busy_model_is_never_unloaded_the_request_gets_a_503() -> None:
    loader = FakeLoader(need_mb=100)
    pool = pool_of(loader, 150, "small", "big")
    pool.load_default()
    pool.default.scheduler.in_flight = 2  # type: ignore[union-attr] - two requests running
    with pytest.raises(APIError) as raised:
        asyncio.run(pool.acquire("big"))
    error = raised.value
    assert error.status == 503 and error.code == "insufficient_memory" and error.param == "model"
    assert "Not enough memory to load 'big': it needs ~100 MB" in error.message
    assert "50 MB is free (--memory-limit-mb 150 less 100 MB held by loaded models)" in error.message and "busy, so not unloaded: small" in error.message
    assert [entry.name for entry in pool.loaded()] == ["small"]  # untouched
    pool.default.scheduler.in_flight = 0  # type: ignore[union-attr] - idle now: the next request unloads it
    asyncio.run(pool.acquire("big"))
    assert [entry.name for entry in pool.loaded()] == ["big"]


def test_a_model_that_cannot_load_is_a_503_and_the_next_request_tries_again() -> None:
    loader = FakeLoader(broken=("big",))
    pool = pool_of(loader, None, "small", "big")
    pool.load_default()
    for _ in range(2):
        with pytest.raises(APIError) as raised:
            asyncio.run(pool.acquire("big"))
        assert raised.value.status == 503 and raised.value.code == "model_unavailable"
        assert "big is not installed" in raised.value.message
    loader.broken = ()
    assert asyncio.run(pool.acquire("big")).scheduler is not None


def test_an_unknown_model_is_a_404_naming_what_is_served() -> None:
    pool = pool_of(FakeLoader(), None, "small", "big")
    with pytest.raises(APIError) as raised:
        pool.resolve("gpt-9")
    assert raised.value.status == 404 and "'small', 'big'" in raised.value.message
