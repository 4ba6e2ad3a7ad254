import pytest

from bakery.orders import bread_line, cake_line, tray_line


def test_lines() -> None:
    assert bread_line("rye", 2) == "2 x rye"
    assert cake_line("torte", 1, "Happy birthday") == "1 x torte ('Happy birthday')"
    assert tray_line("M", 3) == "3 x tray M"


@pytest.mark.parametrize("quantity", [0, 51, 2.0, True])
def test_bad_quantities(quantity: object) -> None:
    with pytest.raises(ValueError):
        bread_line("rye", quantity)  # type: ignore[arg-type]
