from parcels.weight import billable_weight


def test_heavy_small_parcel() -> None:
    assert billable_weight(20, 10, 10, 3.2) == 3.5


def test_light_bulky_parcel() -> None:
    assert billable_weight(60, 40, 40, 2.0) == 19.5
