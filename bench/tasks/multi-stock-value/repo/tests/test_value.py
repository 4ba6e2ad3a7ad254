from stockcsv.value import stock_value, value_by_sku

TEXT = "sku,quantity,unit_price\nBOLT,10,0.25\nNUT,4,0.1\nBOLT,2,0.25\n"


def test_stock_value() -> None:
    assert stock_value(TEXT) == 3.4


def test_value_by_sku() -> None:
    assert value_by_sku(TEXT) == {"BOLT": 3.0, "NUT": 0.4}
