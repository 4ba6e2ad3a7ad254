from tripcalc.convert import km_to_miles
from tripcalc.trip import trip_summary


def test_default_two_decimals() -> None:
    assert trip_summary([10, 5]) == "2 legs, 9.32 mi"


def test_digits() -> None:
    assert trip_summary([10, 5], digits=1) == "2 legs, 9.3 mi"
    assert km_to_miles(1, digits=4) == 0.6214
