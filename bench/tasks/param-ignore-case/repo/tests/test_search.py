from notesearch.match import matching_lines
from notesearch.search import search_notes

NOTES = {"mon.md": "Budget review\nbudget ok", "tue.md": "Hiring\nBUDGET freeze"}


def test_exact_case_by_default() -> None:
    assert search_notes(NOTES, "budget") == ["mon.md:2: budget ok"]


def test_ignore_case() -> None:
    assert search_notes(NOTES, "budget", ignore_case=True) == ["mon.md:1: Budget review", "mon.md:2: budget ok", "tue.md:2: BUDGET freeze"]
    assert matching_lines(["Ab", "ab"], "AB", ignore_case=True) == [(1, "Ab"), (2, "ab")]
