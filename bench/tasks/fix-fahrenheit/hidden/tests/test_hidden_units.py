import pytest

from weatherlog.units import celsius_to_fahrenheit, fahrenheit_to_celsius


@pytest.mark.parametrize(("f", "c"), [(32, 0.0), (-40, -40.0), (98.6, 37.0), (50, 10.0), (0, -17.8)])
def test_known_points(f: float, c: float) -> None:
    assert fahrenheit_to_celsius(f) == c


@pytest.mark.parametrize("c", [-10.0, 0.0, 21.5, 37.0])
def test_round_trip(c: float) -> None:
    assert fahrenheit_to_celsius(celsius_to_fahrenheit(c)) == c
