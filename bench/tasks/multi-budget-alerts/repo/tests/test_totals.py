from household.totals import monthly_totals


def test_totals() -> None:
    lines = ["2024-03-05;food;12.5", "2024-03-20;Food;7.5", "2024-04-01;rent;800", ""]
    assert monthly_totals(lines) == {("2024-03", "food"): 20.0, ("2024-04", "rent"): 800.0}
