from weatherlog.units import celsius_to_fahrenheit, fahrenheit_to_celsius


def test_boiling_point() -> None:
    assert fahrenheit_to_celsius(212) == 100.0


def test_celsius_to_fahrenheit() -> None:
    assert celsius_to_fahrenheit(100) == 212.0
