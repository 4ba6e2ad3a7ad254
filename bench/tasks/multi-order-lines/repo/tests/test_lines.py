from orderdesk.lines import parse_order_line


def test_line() -> None:
    assert parse_order_line("ab-123, 4 pcs") == ("AB123", 4)
