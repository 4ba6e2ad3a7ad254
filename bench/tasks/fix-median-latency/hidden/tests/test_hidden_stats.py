import pytest

from latency.dashboard import panel
from latency.stats import middle, percentile


def test_middle() -> None:
    assert middle([1.0, 2.0]) == 1.5
    assert middle([5.0]) == 5.0
    assert middle([1, 2, 3, 4, 5, 6]) == 3.5
    with pytest.raises(ValueError):
        middle([])


def test_percentile_unchanged() -> None:
    values = list(range(1, 21))
    assert percentile(values, 95) == 19 and percentile(values, 100) == 20 and percentile(values, 5) == 1


def test_panel() -> None:
    assert panel([3, 1]) == {"count": 2, "median": 2, "p95": 3, "max": 3}
