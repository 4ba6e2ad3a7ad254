from household.alerts import budget_alerts


def test_alerts() -> None:
    lines = ["2024-03-05;food;250", "2024-03-20;food;100", "2024-03-21;fun;10"]
    assert budget_alerts(lines, {"food": 300, "fun": 50}) == ["2024-03 food: 350.00 > 300.00"]
