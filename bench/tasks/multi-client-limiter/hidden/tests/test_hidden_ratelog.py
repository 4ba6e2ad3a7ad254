from ratelog.clients import ClientLimiter
from ratelog.log import SlidingLog


def test_refused_events_are_not_remembered() -> None:
    log = SlidingLog(limit=1, period=10)
    assert log.allow(0)
    assert not log.allow(9)
    assert log.allow(10)
    assert list(log.times) == [10]


def test_window_slides() -> None:
    log = SlidingLog(limit=3, period=5)
    assert all(log.allow(t) for t in (0, 1, 2))
    assert not log.allow(4.9)
    assert log.allow(5)
    assert not log.allow(5.5)
    assert log.allow(6) and log.allow(7)
    assert list(log.times) == [5, 6, 7]


def test_limiter_logs_use_limit_and_period() -> None:
    limiter = ClientLimiter(limit=2, period=30)
    limiter.allow("a", 0)
    log = limiter.logs["a"]
    assert (log.limit, log.period) == (2, 30)
    assert limiter.allow("a", 1)
    assert not limiter.allow("a", 29)
    assert limiter.allow("a", 30)


def test_forget_idle_counts_and_keeps_active() -> None:
    limiter = ClientLimiter(limit=1, period=10)
    assert limiter.forget_idle(0) == 0
    for client, t in (("a", 0), ("b", 5), ("c", 9)):
        limiter.allow(client, t)
    assert limiter.forget_idle(15) == 2
    assert sorted(limiter.logs) == ["c"]
    assert limiter.allow("a", 15)
