import pytest

from parcels.quote import quote
from parcels.weight import billable_weight


@pytest.mark.parametrize(("dims", "kg", "billable"), [((10, 10, 10), 2.01, 2.5), ((10, 10, 10), 2.5, 2.5), ((5, 5, 5), 0.2, 0.5), ((50, 50, 50), 1, 25.0), ((30, 20, 10), 1.0, 1.5)])
def test_weights(dims: tuple, kg: float, billable: float) -> None:
    assert billable_weight(*dims, kg) == billable


@pytest.mark.parametrize("args", [(0, 1, 1, 1), (1, 1, 1, 0), (1, -1, 1, 1)])
def test_bad_weights(args: tuple) -> None:
    with pytest.raises(ValueError):
        billable_weight(*args)


def test_quotes() -> None:
    assert quote([], "world") == 0.0
    assert quote([(50, 50, 50, 1)], "domestic") == 31.4
    assert quote([(10, 10, 10, 0.3)] * 3, "world") == 65.85
    with pytest.raises(ValueError):
        quote([(10, 10, 10, 1)], "moon")
