from salesreport.report import monthly_totals
from salesreport.totals import column_totals


def test_docstring_example() -> None:
    rows = [{"net": "10.5", "vat": "2.1"}, {"net": " 4 ", "vat": ""}]
    assert column_totals(rows, ["net", "vat"]) == {"net": 14.5, "vat": 2.1}


def test_monthly_totals() -> None:
    text = "order,net,vat,shipping\nA1,100,20,5\nA2,50,10,\n"
    assert monthly_totals(text) == {"net": 150.0, "vat": 30.0, "shipping": 5.0}
