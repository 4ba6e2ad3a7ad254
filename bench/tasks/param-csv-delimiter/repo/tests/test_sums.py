from csvtools.sums import column_sum


def test_comma() -> None:
    assert column_sum("a,b\n1,2\n3,4\n", "b") == 6


def test_semicolon() -> None:
    assert column_sum("a;b\n1;2\n3;4\n", "b", delimiter=";") == 6
