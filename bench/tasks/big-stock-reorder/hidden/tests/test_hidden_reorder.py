import pytest

from stockroom.inventory import reorder_quantity


def test_enough_stock_orders_nothing() -> None:
    assert reorder_quantity(on_hand=50, daily_demand=4, lead_time_days=5, safety_stock=30) == 0
    assert reorder_quantity(on_hand=20, daily_demand=4, lead_time_days=5) == 0


def test_exact_packs() -> None:
    assert reorder_quantity(on_hand=0, daily_demand=6, lead_time_days=4, pack_size=12) == 24


def test_fractional_demand() -> None:
    assert reorder_quantity(on_hand=3, daily_demand=2.5, lead_time_days=3, pack_size=5) == 5
    assert reorder_quantity(on_hand=0, daily_demand=0.4, lead_time_days=3) == 2


@pytest.mark.parametrize("kwargs", [dict(pack_size=0), dict(daily_demand=-1), dict(lead_time_days=-2)])
def test_bad_input(kwargs: dict) -> None:
    args = dict(on_hand=1, daily_demand=1, lead_time_days=1) | kwargs
    with pytest.raises(ValueError):
        reorder_quantity(**args)
