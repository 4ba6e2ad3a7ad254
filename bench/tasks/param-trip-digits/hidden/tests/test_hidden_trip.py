import inspect

from tripcalc.convert import km_to_miles
from tripcalc.trip import trip_summary


def test_km_to_miles_digits() -> None:
    assert km_to_miles(100, digits=0) == 62.0
    assert km_to_miles(100) == 62.14
    assert km_to_miles(3, digits=3) == 1.864


def test_trip_summary_passes_digits() -> None:
    assert trip_summary([100, 60.5], digits=3) == "2 legs, 99.73 mi"
    assert trip_summary([1, 2, 3], digits=4) == "3 legs, 3.7282 mi"


def test_defaults() -> None:
    assert inspect.signature(km_to_miles).parameters["digits"].default == 2
    assert inspect.signature(trip_summary).parameters["digits"].default == 2
