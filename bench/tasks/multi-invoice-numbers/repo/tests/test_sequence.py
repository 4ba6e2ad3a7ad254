from numbering.sequence import next_number


def test_next_number() -> None:
    assert next_number("INV-2024-0041", 2024) == "INV-2024-0042"
    assert next_number("INV-2023-0917", 2024) == "INV-2024-0001"
