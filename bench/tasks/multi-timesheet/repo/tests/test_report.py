from timesheet.report import total_hours


def test_total() -> None:
    assert total_hours(["1:30", "2:15", "0:20"]) == 4.08
