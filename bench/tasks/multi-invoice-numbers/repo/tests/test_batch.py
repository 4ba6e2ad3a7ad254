from datetime import date

from numbering.batch import number_invoices


def test_batch() -> None:
    drafts = [("d2", date(2024, 1, 3)), ("d1", date(2023, 12, 30))]
    assert number_invoices(drafts, "INV-2023-0099") == {"d1": "INV-2023-0100", "d2": "INV-2024-0001"}
