from datetime import date

import pytest

from numbering.batch import number_invoices
from numbering.sequence import next_number


def test_first_and_wide_counters() -> None:
    assert next_number(None, 2025) == "INV-2025-0001"
    assert next_number("INV-2024-9999", 2024) == "INV-2024-10000"
    assert next_number("INV-2024-10000", 2024) == "INV-2024-10001"


@pytest.mark.parametrize("last", ["", "INV-24-0001", "INV-2024-", "BILL-2024-0001", "INV-2024-00x1"])
def test_bad_last(last: str) -> None:
    with pytest.raises(ValueError):
        next_number(last, 2024)


def test_batch_order_and_empty() -> None:
    drafts = [("b", date(2024, 5, 2)), ("a", date(2024, 5, 1)), ("c", date(2024, 5, 1))]
    assert number_invoices(drafts, None) == {"a": "INV-2024-0001", "c": "INV-2024-0002", "b": "INV-2024-0003"}
    assert number_invoices([], "INV-2024-0005") == {}
