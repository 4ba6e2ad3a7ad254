from ledgerkit.books import split_cents


def test_three_ways() -> None:
    assert split_cents(100, 3) == [34, 33, 33]


def test_even_split() -> None:
    assert split_cents(1000, 4) == [250, 250, 250, 250]
