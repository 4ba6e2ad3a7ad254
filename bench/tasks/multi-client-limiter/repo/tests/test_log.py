from ratelog.log import SlidingLog


def test_limit_within_period() -> None:
    log = SlidingLog(limit=2, period=10)
    assert log.allow(0)
    assert log.allow(1)
    assert not log.allow(5)
    assert log.allow(10)
