from ledgerkit.books import parse_amount, total_of


def test_one_decimal() -> None:
    assert parse_amount("12.5") == 1250
    assert parse_amount("1,234.5") == 123450


def test_statement_total() -> None:
    assert total_of(["10.5", "(0.25)", "$3"]) == 1325
