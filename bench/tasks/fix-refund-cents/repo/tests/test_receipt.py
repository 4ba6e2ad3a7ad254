from till.receipt import Receipt


def test_sales_only() -> None:
    receipt = Receipt()
    receipt.sell("Coffee", 2.4)
    receipt.sell("Croissant", 1.35, quantity=2)
    assert receipt.total_cents() == 510


def test_refund_total() -> None:
    receipt = Receipt()
    receipt.refund("Mug", 4.2)
    assert receipt.total_cents() == -420
    assert receipt.printed()[-1] == "TOTAL: -4.20"
