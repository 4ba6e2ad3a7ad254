from stockroom.inventory import reorder_quantity


def test_docstring_example() -> None:
    assert reorder_quantity(on_hand=10, daily_demand=4, lead_time_days=5, safety_stock=6, pack_size=12) == 24


def test_small_shortfall_still_orders_a_pack() -> None:
    assert reorder_quantity(on_hand=19, daily_demand=2, lead_time_days=10, pack_size=6) == 6
