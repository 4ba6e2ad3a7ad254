import pytest

from netretry.runner import call_with_retry


def flaky(failures: int):
    calls = {"n": 0}

    def fn() -> str:
        calls["n"] += 1
        if calls["n"] <= failures:
            raise ConnectionError("down")
        return "ok"

    return fn


def test_default_doubles() -> None:
    sleeps: list[float] = []
    assert call_with_retry(flaky(2), attempts=3, base=1.0, sleep=sleeps.append) == "ok"
    assert sleeps == [1.0, 2.0]


def test_factor_three() -> None:
    sleeps: list[float] = []
    assert call_with_retry(flaky(2), attempts=3, base=1.0, factor=3.0, sleep=sleeps.append) == "ok"
    assert sleeps == [1.0, 3.0]


def test_gives_up() -> None:
    with pytest.raises(ConnectionError):
        call_with_retry(flaky(5), attempts=2, sleep=lambda _: None)
