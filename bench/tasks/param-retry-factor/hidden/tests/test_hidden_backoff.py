import inspect

from netretry.backoff import backoff_delays
from netretry.runner import call_with_retry


def test_delays() -> None:
    assert backoff_delays(4, base=1.0, factor=10.0) == [1.0, 10.0, 100.0]
    assert backoff_delays(3, base=2.0, factor=1.0) == [2.0, 2.0]
    assert backoff_delays(3) == [0.5, 1.0]


def test_runner_passes_factor() -> None:
    sleeps: list[float] = []
    calls = {"n": 0}

    def fn() -> int:
        calls["n"] += 1
        if calls["n"] < 4:
            raise TimeoutError
        return 42

    assert call_with_retry(fn, attempts=4, base=0.5, factor=4.0, sleep=sleeps.append) == 42
    assert sleeps == [0.5, 2.0, 8.0]


def test_defaults() -> None:
    assert inspect.signature(backoff_delays).parameters["factor"].default == 2.0
    assert inspect.signature(call_with_retry).parameters["factor"].default == 2.0
