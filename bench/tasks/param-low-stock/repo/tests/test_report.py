from warehouse.report import restock_report

LEVELS = {"BOLT": 3, "NUT": 7, "GEAR": 12}


def test_default_threshold() -> None:
    assert restock_report(LEVELS) == "reorder BOLT (3 left)"


def test_custom_threshold() -> None:
    assert restock_report(LEVELS, threshold=10) == "reorder BOLT (3 left)\nreorder NUT (7 left)"
