from measures import length


def test_table() -> None:
    assert length.METRES_PER_UNIT["km"] == 1000.0
    assert set(length.METRES_PER_UNIT) == {"mm", "cm", "m", "km", "in", "ft", "yd"}
