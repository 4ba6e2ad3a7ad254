import pytest

from ledgerkit.books import trial_balance


def test_empty() -> None:
    assert trial_balance([]) == {}


def test_zero_balances_kept_and_sorted() -> None:
    balances = trial_balance([("b", "a", 10), ("a", "b", 10), ("0100", "z", 1)])
    assert balances == {"0100": 1, "a": 0, "b": 0, "z": -1}
    assert list(balances) == ["0100", "a", "b", "z"]


def test_generator_input() -> None:
    entries = ((f"x{n}", "cash", n) for n in range(1, 4))
    assert trial_balance(entries) == {"cash": -6, "x1": 1, "x2": 2, "x3": 3}


@pytest.mark.parametrize("entry", [("a", "b", 0), ("a", "b", -5), ("a", "a", 5)])
def test_bad_entries(entry: tuple) -> None:
    with pytest.raises(ValueError):
        trial_balance([("c", "d", 1), entry])
