from apigate.registry import LimiterRegistry


def test_default_minute_window() -> None:
    registry = LimiterRegistry(limit=1)
    assert registry.allow("a", 0.0)
    assert not registry.allow("a", 30.0)
    assert registry.allow("a", 60.0)


def test_ten_second_window() -> None:
    registry = LimiterRegistry(limit=1, period=10.0)
    assert registry.allow("a", 0.0)
    assert not registry.allow("a", 5.0)
    assert registry.allow("a", 10.0)
