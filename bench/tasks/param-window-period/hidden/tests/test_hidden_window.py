from apigate.registry import LimiterRegistry
from apigate.window import FixedWindow


def test_window_period() -> None:
    window = FixedWindow(2, period=1.5)
    assert window.period == 1.5
    assert window.hit(0.0) and window.hit(1.0)
    assert not window.hit(1.4)
    assert window.hit(1.5)


def test_default_period() -> None:
    assert FixedWindow(1).period == 60.0
    assert LimiterRegistry(1).period == 60.0


def test_clients_are_separate_and_use_the_period() -> None:
    registry = LimiterRegistry(limit=2, period=5.0)
    assert registry.allow("a", 0.0) and registry.allow("a", 1.0)
    assert not registry.allow("a", 4.9)
    assert registry.allow("b", 4.9)
    assert registry.allow("a", 5.0)
