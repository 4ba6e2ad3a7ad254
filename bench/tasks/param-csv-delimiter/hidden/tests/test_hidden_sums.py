import inspect

from csvtools.reader import read_rows
from csvtools.sums import column_sum


def test_tab_rows() -> None:
    assert read_rows("x\ty\n1\t2\n", delimiter="\t") == [{"x": "1", "y": "2"}]


def test_semicolon_with_comma_decimals_untouched() -> None:
    assert read_rows("name;note\nA;1,5\n", delimiter=";") == [{"name": "A", "note": "1,5"}]


def test_pipe_sum() -> None:
    assert column_sum("k|v\na|1.5\nb|2\n", "v", delimiter="|") == 3.5


def test_defaults() -> None:
    assert inspect.signature(read_rows).parameters["delimiter"].default == ","
    assert inspect.signature(column_sum).parameters["delimiter"].default == ","
