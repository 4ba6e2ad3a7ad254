from ledger.csvline import split_line


def test_plain() -> None:
    assert split_line("a,b,c") == ["a", "b", "c"]


def test_doubled_quotes() -> None:
    assert split_line('1,"say ""hi""",2') == ["1", 'say "hi"', "2"]


def test_empty_fields() -> None:
    assert split_line("a,,c,\n") == ["a", "", "c", ""]


def test_quoted_with_commas_everywhere() -> None:
    assert split_line('"x,y","z",",",w') == ["x,y", "z", ",", "w"]


def test_surrounding_whitespace() -> None:
    assert split_line('  "a, b",c  \r\n') == ["a, b", "c"]
