from ledgerkit.books import is_balanced, trial_balance


def test_docstring_example() -> None:
    balances = trial_balance([("1200", "4000", 500), ("6000", "1200", 200)])
    assert balances == {"1200": 300, "4000": -500, "6000": 200}
    assert is_balanced(balances)
