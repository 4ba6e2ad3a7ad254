import pytest

from salesreport.totals import column_totals


def test_no_rows() -> None:
    assert column_totals([], ["a", "b"]) == {"a": 0.0, "b": 0.0}


def test_missing_key_counts_as_zero() -> None:
    assert column_totals([{"a": "1"}, {"b": "2"}], ["a", "b"]) == {"a": 1.0, "b": 2.0}


def test_order_of_columns() -> None:
    assert list(column_totals([{"a": "1", "b": "2"}], ["b", "a"])) == ["b", "a"]


def test_values_are_floats() -> None:
    result = column_totals([{"a": "3"}], ["a"])
    assert isinstance(result["a"], float)


def test_not_a_number() -> None:
    with pytest.raises(ValueError):
        column_totals([{"a": "ten"}], ["a"])


def test_blank_with_spaces() -> None:
    assert column_totals([{"a": "   "}, {"a": "-2.5"}], ["a"]) == {"a": -2.5}
