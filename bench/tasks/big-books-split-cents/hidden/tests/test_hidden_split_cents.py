import pytest

from ledgerkit.books import split_cents


@pytest.mark.parametrize(("total", "parts", "shares"), [
    (-100, 3, [-34, -33, -33]),
    (5, 1, [5]),
    (2, 5, [1, 1, 0, 0, 0]),
    (0, 2, [0, 0]),
    (1001, 4, [251, 250, 250, 250]),
    (-7, 2, [-4, -3]),
])
def test_shares(total: int, parts: int, shares: list[int]) -> None:
    assert split_cents(total, parts) == shares
    assert sum(split_cents(total, parts)) == total


@pytest.mark.parametrize("parts", [0, -2])
def test_bad_parts(parts: int) -> None:
    with pytest.raises(ValueError):
        split_cents(100, parts)
