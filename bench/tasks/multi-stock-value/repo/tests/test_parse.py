from stockcsv.parse import parse_inventory


def test_parse() -> None:
    text = "sku,quantity,unit_price\nBOLT,10,0.25\nNUT, 4 ,0.1\n"
    assert parse_inventory(text) == [("BOLT", 10, 0.25), ("NUT", 4, 0.1)]
