from roomplan.conflicts import find_conflicts


def test_conflicts() -> None:
    bookings = ["2024-03-01..2024-03-03", "2024-03-05", "2024-03-03..2024-03-04"]
    assert find_conflicts(bookings) == [(0, 2)]
