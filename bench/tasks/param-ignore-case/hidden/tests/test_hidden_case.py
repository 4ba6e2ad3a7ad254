import inspect

from notesearch.match import matching_lines
from notesearch.search import search_notes


def test_default_unchanged() -> None:
    assert matching_lines(["Ab", "ab"], "ab") == [(2, "ab")]
    assert search_notes({"a": "X\nx"}, "x") == ["a:2: x"]


def test_casefold() -> None:
    assert matching_lines(["STRASSE 1", "Straße 2"], "straße", ignore_case=True) == [(1, "STRASSE 1"), (2, "Straße 2")]
    assert search_notes({"b": "Q1\nq2", "a": "nothing"}, "Q", True) == ["b:1: Q1", "b:2: q2"]


def test_signatures() -> None:
    assert inspect.signature(matching_lines).parameters["ignore_case"].default is False
    assert inspect.signature(search_notes).parameters["ignore_case"].default is False
